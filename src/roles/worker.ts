// Entry point of the worker role (see node.ts for what it runs).
import { run } from './run.js';

await run('worker');
