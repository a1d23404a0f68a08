// The group flows as scenarios over one store implementation (memory and LMDB in
// group-flows.test.ts, Cassandra in test/integration/group-flows-cassandra.test.ts): a fresh
// in-process node per test on the backend's store, then the membership and profile flows.
import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../../src/store/index.js';
import { startGroupNode } from './group-fixture.js';
import { s, useNode } from './group-flow-node.js';
import { membershipFlows } from './group-flows-membership.js';
import { profileFlows } from './group-flows-profile.js';

export interface FlowBackend {
  /** A store for one test (closed by the node's stop unless shared) and what to do afterwards. */
  open(): Promise<{ store?: Store; done(): Promise<void> | void }>;
}

export function groupFlowScenarios(name: string, backend: FlowBackend): void {
  describe(`group flows over ${name}`, () => {
    let done: () => Promise<void> | void = () => undefined;
    beforeEach(async () => {
      const b = await backend.open();
      done = b.done;
      useNode(await startGroupNode(b.store ? { store: b.store } : {}));
      await s.accounts('o', 'a', 'm', 'p', 'q', 'r', 'x');
    }, 60_000);
    afterEach(async () => {
      await s.stop();
      await done();
    });
    membershipFlows();
    profileFlows();
  });
}
