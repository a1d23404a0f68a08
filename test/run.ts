// What `npm test` runs: typecheck, unit tests, then real NATS/Redis/Cassandra (cluster/services)
// for the integration and e2e projects, which get the addresses as IM_IT_* env vars. Services are
// always stopped at the end (also on SIGINT/SIGTERM) unless --keep-services. The last line printed
// is the machine-read total "N passed, N failed[, N skipped]"; a failed typecheck, service start or
// vitest run without per-test failures counts as one failure, so the line agrees with the exit code.
// Usage: npm test [-- --only unit|integration|e2e|typecheck[,...]] [--keep-services] [vitest filters]
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const RESULTS_DIR = join(ROOT, 'var', 'test-results');
const SERVICES_DIR = join(ROOT, 'var', 'test-services');
const STEPS = ['typecheck', 'unit', 'integration', 'e2e'] as const;
type Step = (typeof STEPS)[number];
const SERVICE_STEPS: ReadonlySet<Step> = new Set(['integration', 'e2e']);
// Integration/e2e folders fill up while the project grows; an empty one is 0 tests, not a failure.
const MAY_BE_EMPTY: ReadonlySet<Step> = new Set(['integration', 'e2e']);

interface Options {
  steps: Set<Step>;
  keepServices: boolean;
  filters: string[];
}
interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
interface StepResult {
  name: string;
  ok: boolean;
  seconds: number;
  note: string;
}

function parseArgs(argv: string[]): Options {
  const steps = new Set<Step>();
  let keepServices = false;
  const filters: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--keep-services') keepServices = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (!value) throw new Error(`--only needs one of: ${STEPS.join(', ')}`);
      for (const s of value.split(',')) {
        if (!(STEPS as readonly string[]).includes(s)) throw new Error(`--only: unknown step "${s}" (use ${STEPS.join(', ')})`);
        steps.add(s as Step);
      }
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg} (known: --only <step>, --keep-services)`);
    else filters.push(arg);
  }
  return { steps: steps.size > 0 ? steps : new Set(STEPS), keepServices, filters };
}

function serviceEnv(): Record<string, string> {
  const nats = process.env.NATS_PORT ?? '14222';
  const redis = process.env.REDIS_PORT ?? '16379';
  const cassandra = process.env.CASSANDRA_PORT ?? '19042';
  return {
    IM_IT_NATS_URL: `nats://127.0.0.1:${nats}`,
    IM_IT_REDIS_URL: `redis://127.0.0.1:${redis}`,
    IM_IT_CASSANDRA: `127.0.0.1:${cassandra}`,
  };
}

// The child currently in the foreground, so a signal can be passed on to it.
interface Runner {
  current: ChildProcess | undefined;
  interrupted: NodeJS.Signals | undefined;
}

// Service scripts run in their own process group: a Ctrl-C must not cut a start between
// launching a server and writing its PID file, or stop-all could not find it.
function run(runner: Runner, cmd: string, args: string[], env: NodeJS.ProcessEnv, detached = false): Promise<number> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: 'inherit', detached });
    runner.current = detached ? undefined : child;
    child.on('error', (err) => {
      console.error(`cannot run ${cmd}: ${err.message}`);
      done(127);
    });
    child.on('exit', (code, signal) => {
      if (runner.current === child) runner.current = undefined;
      done(code ?? (signal ? 128 : 1));
    });
  });
}

function banner(text: string): void {
  console.log(`\n===== ${text} =====`);
}

function readCounts(file: string): Counts | undefined {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { status: string; assertionResults: { status: string }[] }[];
  };
  // A file that fails outside a test (import error, beforeAll throw) has no failed test in it.
  const brokenFiles = report.testResults.filter(
    (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
  ).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

async function vitestStep(runner: Runner, step: Step, opts: Options, env: NodeJS.ProcessEnv, totals: Counts): Promise<StepResult> {
  const out = join(RESULTS_DIR, `${step}.json`);
  rmSync(out, { force: true });
  const args = ['run', '--project', step, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  if (MAY_BE_EMPTY.has(step) || opts.filters.length > 0) args.push('--passWithNoTests');
  const started = Date.now();
  const code = await run(runner, join(BIN, 'vitest'), [...args, ...opts.filters], env);
  const counts = readCounts(out) ?? { passed: 0, failed: 0, skipped: 0 };
  // Exit code and counts must agree: a non-zero exit with no counted failure (no test files,
  // unhandled error, crash) is still one failure.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  const note = `${counts.passed} passed, ${counts.failed} failed` + (counts.skipped ? `, ${counts.skipped} skipped` : '');
  return { name: step, ok: code === 0 && counts.failed === 0, seconds: (Date.now() - started) / 1000, note };
}

async function main(): Promise<number> {
  let opts: Options;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    console.log('0 passed, 1 failed');
    return 2;
  }
  const runner: Runner = { current: undefined, interrupted: undefined };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (runner.interrupted) return;
    runner.interrupted = signal;
    console.error(`\n${signal}: stopping after the current step`);
    runner.current?.kill(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const results: StepResult[] = [];
  const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
  const itEnv = serviceEnv();
  const svcEnv = { ...process.env, SVC_DIR: SERVICES_DIR, FRESH: '1' };
  let servicesStarted = false;

  try {
    if (opts.steps.has('typecheck')) {
      banner('typecheck (tsc --noEmit: the project, then the k6 scenarios against the k6 types)');
      const started = Date.now();
      let code = await run(runner, join(BIN, 'tsc'), ['-p', 'tsconfig.json', '--noEmit'], process.env);
      if (code === 0) code = await run(runner, join(BIN, 'tsc'), ['-p', join('load', 'tsconfig.json'), '--noEmit'], process.env);
      if (code !== 0) totals.failed += 1;
      results.push({ name: 'typecheck', ok: code === 0, seconds: (Date.now() - started) / 1000, note: code === 0 ? 'ok' : 'errors (counted as 1 failed)' });
    }
    if (opts.steps.has('unit') && !runner.interrupted) {
      banner('unit tests');
      results.push(await vitestStep(runner, 'unit', opts, process.env, totals));
    }
    const needsServices = [...opts.steps].filter((s) => SERVICE_STEPS.has(s));
    if (needsServices.length > 0 && !runner.interrupted) {
      banner(`starting services (${SERVICES_DIR})`);
      const started = Date.now();
      servicesStarted = true;
      const code = await run(runner, 'bash', [join(ROOT, 'cluster/services/start-all.sh')], svcEnv, true);
      results.push({ name: 'services', ok: code === 0, seconds: (Date.now() - started) / 1000, note: code === 0 ? 'started' : 'failed to start (counted as 1 failed)' });
      if (code !== 0) totals.failed += 1;
      else {
        for (const step of needsServices) {
          if (runner.interrupted) break;
          banner(`${step} tests`);
          results.push(await vitestStep(runner, step, opts, { ...process.env, ...itEnv }, totals));
        }
      }
    }
  } finally {
    if (servicesStarted && opts.keepServices) {
      console.log(`\nservices left running (--keep-services): ${Object.values(itEnv).join(' ')}`);
      console.log(`stop them with: SVC_DIR=${SERVICES_DIR} npm run services:stop`);
    } else if (servicesStarted) {
      banner('stopping services');
      const code = await run(runner, 'bash', [join(ROOT, 'cluster/services/stop-all.sh')], svcEnv, true);
      if (code !== 0) console.error(`stop-all.sh exited ${code}; check ${SERVICES_DIR}/*/*.pid`);
    }
  }

  if (runner.interrupted) {
    totals.failed += 1;
    results.push({ name: 'run', ok: false, seconds: 0, note: `interrupted by ${runner.interrupted} (counted as 1 failed)` });
  }
  banner('summary');
  for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(12)} ${r.seconds.toFixed(1).padStart(6)}s  ${r.note}`);
  const ok = results.length > 0 && results.every((r) => r.ok) && totals.failed === 0;
  console.log(`${totals.passed} passed, ${totals.failed} failed` + (totals.skipped ? `, ${totals.skipped} skipped` : ''));
  if (runner.interrupted) return runner.interrupted === 'SIGINT' ? 130 : 143;
  return ok ? 0 : 1;
}

process.exitCode = await main();
