// Addresses of the real services for integration and e2e tests, from the IM_IT_* variables that
// test/run.ts sets after starting them. Call itEnv() inside beforeAll, so a file run outside
// `npm test` fails with an error naming the missing variable instead of hanging on a connect.
// IM_IT_CASSANDRA is "host:port" or a comma-separated list of them; the DC is SimpleSnitch's.

export interface ItEnv {
  natsUrl: string;
  redisUrl: string;
  cassandra: { contactPoints: string[]; localDataCenter: string };
}

const CASSANDRA_LOCAL_DC = 'datacenter1';

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) {
    throw new Error(
      `${name} is not set: integration tests need real services; run them through \`npm test\` ` +
        `(test/run.ts starts NATS, Redis and Cassandra and sets IM_IT_NATS_URL, IM_IT_REDIS_URL, IM_IT_CASSANDRA)`,
    );
  }
  return value;
}

function url(name: string, protocol: string): string {
  const value = required(name);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`${name}=${JSON.stringify(value)} is not a URL (expected ${protocol}//host:port)`);
  }
  if (parsed.protocol !== protocol || !parsed.hostname || !parsed.port) {
    throw new Error(`${name}=${JSON.stringify(value)} must look like ${protocol}//host:port`);
  }
  return value;
}

function hostPorts(name: string): string[] {
  const points = required(name)
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  for (const p of points) {
    const port = Number(p.slice(p.lastIndexOf(':') + 1));
    if (!p.includes(':') || !Number.isInteger(port) || port <= 0 || port > 65_535) {
      throw new Error(`${name} entry ${JSON.stringify(p)} must be host:port`);
    }
  }
  return points;
}

export function itEnv(): ItEnv {
  return {
    natsUrl: url('IM_IT_NATS_URL', 'nats:'),
    redisUrl: url('IM_IT_REDIS_URL', 'redis:'),
    cassandra: { contactPoints: hostPorts('IM_IT_CASSANDRA'), localDataCenter: CASSANDRA_LOCAL_DC },
  };
}
