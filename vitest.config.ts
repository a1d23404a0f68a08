// Three projects: unit (memory implementations, no sockets to external services), integration
// (real NATS/Redis/Cassandra started by test/run.ts, addresses in IM_IT_* env), e2e (real
// processes launched through cluster/launch.ts). test/run.ts is what `npm test` calls.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/inproc/**/*.test.ts'], testTimeout: 20_000 } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
