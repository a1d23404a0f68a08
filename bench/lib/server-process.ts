// Starts the server as a separate process for a benchmark (so the generator's own memory and CPU
// are not counted as the server's) and reads its resident memory from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BenchServer {
  url: string;
  port: number;
  sdkAppId: number;
  secretKey: string;
  admin: string;
  pid: number;
  rssBytes(): number;
  stop(): Promise<void>;
}

export async function startBenchServer(port: number, env: Record<string, string> = {}): Promise<BenchServer> {
  const secretKey = randomBytes(32).toString('hex');
  const sdkAppId = 1400000000;
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server.
  const extraArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', ...extraArgs, '--import', 'tsx', join(ROOT, 'src', 'roles', 'single.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      IM_PORT: String(port),
      IM_HOST: '127.0.0.1',
      IM_DATA_DIR: mkdtempSync(join(tmpdir(), 'im-bench-')),
      IM_SECRET_KEY: secretKey,
      IM_SDKAPPID: String(sdkAppId),
      IM_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) break;
    if (i > 300) throw new Error('bench server did not become ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    sdkAppId,
    secretKey,
    admin: 'administrator',
    pid: child.pid!,
    rssBytes: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : NaN;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
