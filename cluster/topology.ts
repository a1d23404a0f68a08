// A topology names how many edges and workers to run and where. Validated once; the launcher
// turns it into processes. Ports: edges listen on edgeBasePort+i (WebSocket, REST, metrics);
// workers serve /metrics and /healthz on workerBasePort+i.
import { readFileSync } from 'node:fs';

export interface Topology {
  edges: number;
  workers: number;
  host: string;
  edgeBasePort: number;
  workerBasePort: number;
  shardCount: number;
}

export const DEFAULT_TOPOLOGY: Topology = {
  edges: 2,
  workers: 2,
  host: '127.0.0.1',
  edgeBasePort: 8080,
  workerBasePort: 9180,
  shardCount: 64,
};

export function parseTopology(raw: unknown): Topology {
  if (!raw || typeof raw !== 'object') throw new Error('topology must be a JSON object');
  const t = { ...DEFAULT_TOPOLOGY, ...(raw as Partial<Topology>) };
  for (const k of ['edges', 'workers', 'edgeBasePort', 'workerBasePort', 'shardCount'] as const) {
    if (!Number.isInteger(t[k]) || t[k] < 0) throw new Error(`topology.${k} must be a non-negative integer`);
  }
  if (t.edges < 1 || t.workers < 1) throw new Error('topology needs at least one edge and one worker');
  if (t.shardCount < 1) throw new Error('topology.shardCount must be at least 1');
  if (typeof t.host !== 'string' || !t.host) throw new Error('topology.host must be a string');
  return t;
}

export const loadTopology = (path: string): Topology => parseTopology(JSON.parse(readFileSync(path, 'utf8')));
