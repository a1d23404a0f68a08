// Starts a baseline server (bench/baselines/*.ts) as its own process, like the server under test,
// and waits for its "listening" line; and the Redis the socket.io baseline's adapter needs, on the
// benchmarks' own service port (cluster/services/redis.sh).
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BENCH_REDIS_PORT = '36379';
const SVC_ENV = { ...process.env, REDIS_PORT: BENCH_REDIS_PORT, SVC_DIR: process.env.BENCH_SVC_DIR ?? '/tmp/im-bench-services' };

export interface BaselineProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export function startBaseline(script: string, port: number, args: string[] = []): Promise<BaselineProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'baselines', script), String(port), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start`)), 30_000);
    child.stdout!.on('data', (b: Buffer) => {
      if (!b.toString().includes('listening')) return;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${port}`,
        pid: child.pid!,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

export function startBenchRedis(): { url: string; stop(): void } {
  execFileSync('bash', [join(ROOT, 'cluster', 'services', 'redis.sh'), 'start'], { env: SVC_ENV, stdio: 'inherit' });
  return { url: `redis://127.0.0.1:${BENCH_REDIS_PORT}`, stop: () => execFileSync('bash', [join(ROOT, 'cluster', 'services', 'redis.sh'), 'stop'], { env: SVC_ENV, stdio: 'inherit' }) };
}
