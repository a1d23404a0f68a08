// Runs a topology as child processes (one per edge and worker), each the same entry point
// src/roles/<role>.ts with its own IM_NODE_ID/IM_PORT. Restarts a process that exits unless told
// not to (the failover tests turn that off to watch the others take over); forwards SIGTERM so
// every process drains gracefully. Used by `npm run cluster` and by the e2e tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Topology } from './topology.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESTART_DELAY_MS = 1_000;
const STOP_GRACE_MS = 15_000;

export interface ProcSpec {
  name: string;
  role: 'edge' | 'worker';
  port: number;
}

export interface LaunchOptions {
  topology: Topology;
  /** Environment shared by every process (service URLs, app settings, data dir). */
  env: Record<string, string>;
  restartOnExit: boolean;
  /** Receives every output line, prefixed by the process name. */
  onLine?: (name: string, line: string) => void;
}

interface Running {
  spec: ProcSpec;
  child: ChildProcess | undefined;
  exited: Promise<number | null>;
}

export function procSpecs(t: Topology): ProcSpec[] {
  const specs: ProcSpec[] = [];
  for (let i = 0; i < t.workers; i++) specs.push({ name: `worker-${i + 1}`, role: 'worker', port: t.workerBasePort + i });
  for (let i = 0; i < t.edges; i++) specs.push({ name: `edge-${i + 1}`, role: 'edge', port: t.edgeBasePort + i });
  return specs;
}

export class Launcher {
  private readonly procs = new Map<string, Running>();
  private stopping = false;

  constructor(private readonly opts: LaunchOptions) {}

  start(): void {
    this.stopping = false;
    for (const spec of procSpecs(this.opts.topology)) this.spawn(spec);
  }

  names(): string[] {
    return [...this.procs.keys()];
  }

  urlOf(name: string): string {
    const p = this.procs.get(name);
    if (!p) throw new Error(`no process ${name}`);
    return `http://${this.opts.topology.host}:${p.spec.port}`;
  }

  pidOf(name: string): number | undefined {
    return this.procs.get(name)?.child?.pid;
  }

  /** Sends a signal to one process and waits for it to exit. */
  async kill(name: string, signal: NodeJS.Signals): Promise<void> {
    const p = this.procs.get(name);
    if (!p?.child) return;
    p.child.kill(signal);
    await p.exited;
  }

  /** Starts a process again (after kill, when restartOnExit is off). */
  restart(name: string): void {
    const p = this.procs.get(name);
    if (!p) throw new Error(`no process ${name}`);
    this.spawn(p.spec);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const all = [...this.procs.values()];
    for (const p of all) p.child?.kill('SIGTERM');
    const timer = setTimeout(() => all.forEach((p) => p.child?.kill('SIGKILL')), STOP_GRACE_MS);
    await Promise.all(all.map((p) => p.exited));
    clearTimeout(timer);
  }

  private spawn(spec: ProcSpec): void {
    const t = this.opts.topology;
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'roles', `${spec.role}.ts`)], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...this.opts.env,
        IM_ROLE: spec.role,
        IM_NODE_ID: spec.name,
        IM_HOST: t.host,
        IM_PORT: String(spec.port),
        IM_SHARD_COUNT: String(t.shardCount),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const running: Running = { spec, child, exited };
    this.procs.set(spec.name, running);
    const forward = (buf: Buffer) => {
      for (const line of buf.toString('utf8').split('\n')) if (line) this.opts.onLine?.(spec.name, line);
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    void exited.then(() => {
      if (this.procs.get(spec.name) !== running) return;
      running.child = undefined;
      if (!this.stopping && this.opts.restartOnExit) setTimeout(() => !this.stopping && this.spawn(spec), RESTART_DELAY_MS);
    });
  }
}
