// Work over many items in bounded parts: chunks() splits a list into the sizes a store call takes;
// inWaves() runs per-item async work a wave of `size` at a time (results in item order), for reads
// that fan out per row (joined-group lists), so a long page never puts hundreds of store reads in
// flight together.

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function inWaves<T, R>(items: readonly T[], size: number, each: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const wave of chunks(items, size)) out.push(...(await Promise.all(wave.map(each))));
  return out;
}
