// A test actor kind for cluster tests: a counter that loads its value on activation and persists
// every increment before replying, so any worker that later hosts it answers with the same state.
// The store is a shared Map behind an async boundary, standing in for the real store.
import type { Actor, ActorKind } from '../../src/actors/actor.js';
import { assertNever } from '../../src/lib/errors.js';

export const COUNTER_KIND = 'test-counter';

export type CounterMsg = { t: 'inc' } | { t: 'get' };

export class CounterStore {
  readonly values = new Map<string, number>();
  /** Which worker served each activation, to prove actors moved. */
  readonly activations: { id: string; worker: string }[] = [];

  async load(id: string): Promise<number> {
    await Promise.resolve();
    return this.values.get(id) ?? 0;
  }

  async save(id: string, value: number): Promise<void> {
    await Promise.resolve();
    this.values.set(id, value);
  }
}

export function counterKind(store: CounterStore, worker: string): ActorKind<CounterMsg> {
  return {
    kind: COUNTER_KIND,
    create(id): Actor<CounterMsg> {
      let value = 0;
      return {
        async onActivate() {
          value = await store.load(id);
          store.activations.push({ id, worker });
        },
        async handle(msg) {
          switch (msg.t) {
            case 'inc':
              await store.save(id, value + 1);
              return ++value;
            case 'get':
              return value;
            default:
              return assertNever(msg, 'counter message');
          }
        },
      };
    },
  };
}
