// Entry point of the single role (see node.ts for what it runs).
import { run } from './run.js';

await run('single');
