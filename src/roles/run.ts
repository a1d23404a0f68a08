// Shared process lifecycle of the three entry points: parse config (a bad setting exits with a
// clear message, code 2), start the node, print the banner, and on SIGTERM/SIGINT drain and exit.
// A second signal exits at once.
import { loadConfig, type Role } from '../config/config.js';
import { banner } from './banner.js';
import { startNode } from './node.js';

export async function run(defaultRole: Role): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, defaultRole);
  } catch (e) {
    process.stderr.write(`configuration error: ${(e as Error).message}\n`);
    process.exit(2);
  }
  let node;
  try {
    node = await startNode(config);
  } catch (e) {
    process.stderr.write(`failed to start ${config.role}: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  }
  const { log } = node;
  process.on('unhandledRejection', (err) => log.error('unhandled rejection', { err }));
  // Benchmarks start the server with --expose-gc and send SIGUSR2 to measure retained memory
  // rather than garbage not yet collected. Without that flag the signal keeps its default.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) process.on('SIGUSR2', () => gc());
  if (config.role !== 'worker') process.stdout.write(banner(config, node.edge?.port ?? config.port));
  else log.info('worker started', { port: config.port, shards: config.shardCount });

  let signals = 0;
  const onSignal = (sig: string) => {
    if (++signals > 1) process.exit(1);
    log.info('draining', { signal: sig });
    node.stop().then(
      () => process.exit(0),
      (err) => {
        log.error('stop failed', { err });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}
