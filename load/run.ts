// Runs one bundled scenario (load/dist/<name>.js) with k6 and keeps what people look at: k6's web
// dashboard exported as a self-contained HTML report and the end-of-test summary as JSON, both in
// load/results/<name>-<UTC stamp>.{html,json}. The dashboard's sampling period is 1 s so short
// runs still get a report; its HTTP port stays closed (-1), so nothing waits for a browser.
// Usage: node --import tsx load/run.ts <scenario>   (IM_LOAD_* variables: load/README.md)
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleScenarios } from './build.js';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface ScenarioRun {
  code: number;
  output: string;
  /** k6's summary metrics (count, rate, percentiles... per metric); {} when k6 failed before the end. */
  summary: Record<string, Record<string, number>>;
  html: string;
  json: string;
}

/** The pinned k6 (built and cached by build-k6.sh). */
export const k6Binary = (): string =>
  execFileSync('bash', [join(HERE, 'build-k6.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop()!;

export function runScenario(o: { k6: string; scenario: string; env: Record<string, string>; outDir?: string }): Promise<ScenarioRun> {
  const outDir = o.outDir ?? join(HERE, 'results');
  mkdirSync(outDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z');
  const base = join(outDir, `${o.scenario}-${stamp}`);
  const html = `${base}.html`;
  const json = `${base}.json`;
  const env = { ...process.env, K6_WEB_DASHBOARD: 'true', K6_WEB_DASHBOARD_PORT: '-1', K6_WEB_DASHBOARD_PERIOD: '1s', K6_WEB_DASHBOARD_EXPORT: html, ...o.env };
  return new Promise((resolve) => {
    execFile(o.k6, ['run', '--quiet', '--no-usage-report', '--summary-trend-stats', 'avg,min,med,max,p(90),p(95),p(99)', '--summary-export', json, join(HERE, 'dist', `${o.scenario}.js`)], { env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      let summary = {};
      try {
        summary = (JSON.parse(readFileSync(json, 'utf8')) as { metrics: ScenarioRun['summary'] }).metrics;
      } catch {
        // no summary: the script failed before finishing; the exit code says so
      }
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr, summary, html, json });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const scenario = process.argv[2];
  if (!scenario) throw new Error('usage: load/run.ts <scenario>');
  await bundleScenarios();
  const r = await runScenario({ k6: k6Binary(), scenario, env: {} });
  process.stdout.write(r.output);
  console.log(`report: ${r.html}\nsummary: ${r.json}`);
  process.exit(r.code);
}
