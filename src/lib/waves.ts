// Per-item async work with a bound on how many run at once: items go in waves of `size`, each wave
// all at once, results in item order. For reads that fan out per row (joined-group lists), so a
// long page never puts hundreds of store reads in flight together.

export async function inWaves<T, R>(items: readonly T[], size: number, each: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(each))));
  return out;
}
