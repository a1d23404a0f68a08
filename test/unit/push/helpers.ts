// Small helpers shared by the push tests: reading a counter and waiting for a condition that a
// real socket makes true eventually.
import type { Metrics } from '../../../src/metrics/metrics.js';

export async function counter(metrics: Metrics, name: string, labels: Record<string, string> = {}): Promise<number> {
  const { values } = await metrics.registry.getSingleMetric(name)!.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, w]) => String((v.labels as Record<string, unknown>)[k]) === w))
    .reduce((s, v) => s + v.value, 0);
}

export async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!cond()) throw new Error(`never happened: ${what}`);
}
