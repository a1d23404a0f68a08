// Settings every scenario reads from the environment (k6 __ENV), documented in load/README.md.
// Target: one edge URL or a comma-separated list (clients are spread over them round-robin, as a
// TCP balancer would); users: the file load/prepare.ts wrote.
declare const __ENV: Record<string, string | undefined>;

export const env = (name: string, dflt: string): string => __ENV[name] ?? dflt;
export const envInt = (name: string, dflt: number): number => {
  const v = Number(env(name, String(dflt)));
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number`);
  return v;
};

/** WebSocket URLs (ws://host:port/ws) of the edges under test. */
export const targets = (): string[] =>
  env('IM_LOAD_TARGETS', 'http://127.0.0.1:8080')
    .split(',')
    .map((s) => s.trim().replace(/^http/, 'ws').replace(/\/$/, '') + '/ws');

/** When the k-th socket of VU `vu` opens (ms from the VU's start) so that logins arrive at `rate`
 *  per second over all VUs, the VUs taking turns; 0 = all at once. */
export const loginDelayMs = (k: number, vu: number, vus: number, rate: number): number => (rate > 0 ? ((k * vus + vu) * 1000) / rate : 0);
