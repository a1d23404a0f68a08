// A minimal typed event emitter that runs anywhere (browsers, Node, k6): no node:events. A
// listener that throws does not stop the others; its error is rethrown asynchronously so it is
// still visible.

export type Listener<T> = (value: T) => void;

export class Emitter<E extends object> {
  private readonly listeners = new Map<keyof E, Set<Listener<never>>>();

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof E>(event: K, fn: Listener<E[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn as Listener<never>);
    return () => void set.delete(fn as Listener<never>);
  }

  emit<K extends keyof E>(event: K, value: E[K]): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) {
      try {
        (fn as Listener<E[K]>)(value);
      } catch (e) {
        setTimeout(() => {
          throw e;
        }, 0);
      }
    }
  }
}
