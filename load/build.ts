// Bundles every load/scenarios/*.ts into load/dist/<name>.js for k6: the scenarios import the
// server's own src/protocol codec, so frames in load tests are byte-for-byte what clients send.
// Target es2017 because k6's runtime has no async generators; k6 modules stay external.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

export async function bundleScenarios(): Promise<string[]> {
  const entries = readdirSync(join(HERE, 'scenarios')).filter((f) => f.endsWith('.ts'));
  await build({
    entryPoints: entries.map((f) => join(HERE, 'scenarios', f)),
    outdir: join(HERE, 'dist'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2017',
    external: ['k6', 'k6/*'],
    inject: [join(HERE, 'lib', 'text-codec-polyfill.js')],
    logLevel: 'warning',
  });
  return entries.map((f) => join(HERE, 'dist', f.replace(/\.ts$/, '.js')));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const out of await bundleScenarios()) console.log(out);
}
