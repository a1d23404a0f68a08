// The bounded after-callback queue: at most AFTER_CONCURRENCY calls in flight and
// limits.webhookQueue waiting; beyond that the event is dropped and counted
// (metrics.webhookQueueDrops), because an after-callback must never slow a send down
// (invariant 6). push() is synchronous and never waits. close() refuses new work and resolves
// when everything accepted has finished (each call is bounded by its own timeout).
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';

/** Parallel after-callbacks per process; each holds a keep-alive connection to the app backend. */
export const AFTER_CONCURRENCY = 8;

export type Job = () => Promise<void>;

export class AfterQueue {
  private readonly waiting: Job[] = [];
  private running = 0;
  private closed = false;
  private idle: Array<() => void> = [];

  constructor(
    private readonly capacity: number,
    private readonly metrics: Metrics,
    private readonly log: Logger,
    private readonly concurrency = AFTER_CONCURRENCY,
  ) {}

  /** Accepts or drops the job; returns whether it was accepted. */
  push(job: Job): boolean {
    if (this.closed) return this.drop('closed');
    if (this.running < this.concurrency) {
      this.start(job);
      return true;
    }
    if (this.waiting.length >= this.capacity) return this.drop('full');
    this.waiting.push(job);
    this.metrics.webhookQueueDepth.set(this.waiting.length);
    return true;
  }

  /** Stops accepting and waits for accepted jobs to finish. Idempotent. */
  close(): Promise<void> {
    this.closed = true;
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  get pending(): number {
    return this.running + this.waiting.length;
  }

  private drop(why: string): false {
    this.metrics.webhookQueueDrops.inc();
    this.log.debug('after-callback dropped', { why });
    return false;
  }

  private start(job: Job): void {
    this.running++;
    let p: Promise<void>;
    try {
      p = job();
    } catch (e) {
      p = Promise.reject(e);
    }
    p.catch((e: unknown) => this.log.warn('after-callback job failed', { err: e })).finally(() => this.next());
  }

  private next(): void {
    this.running--;
    const job = this.waiting.shift();
    this.metrics.webhookQueueDepth.set(this.waiting.length);
    if (job) this.start(job);
    else if (this.running === 0 && this.closed) for (const resolve of this.idle.splice(0)) resolve();
  }
}
