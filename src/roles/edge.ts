// Entry point of the edge role (see node.ts for what it runs).
import { run } from './run.js';

await run('edge');
