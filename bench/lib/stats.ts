// Percentiles over recorded samples (sorted once), for bench summaries.
export function percentiles(samples: number[], ps: number[]): Record<string, number> {
  const s = [...samples].sort((a, b) => a - b);
  const out: Record<string, number> = {};
  for (const p of ps) out[`p${p}`] = s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
  return out;
}
