// The background side of im_push: start() registers a task and returns its TaskId at once; the
// task pages through the audience (audience.ts) and asks each recipient's C2C conversation actor
// to send the message from the sender, as batchsendmsg does, with at most PUSH_CONCURRENCY asks in
// flight and at most PUSH_RATE_PER_SEC sends per second. A failed recipient is counted and the task
// goes on; a failed audience read ends the task as 'failed'. Tasks live in this process only (no
// REST query for them exists): a node that stops abandons its running tasks, which close() ends.
import type { ActorClient } from '../actors/actor.js';
import { c2cAddr, type C2cSend } from '../conversations/c2c-messages.js';
import type { Clock } from '../lib/clock.js';
import { ImError } from '../lib/errors.js';
import { randomId } from '../lib/ids.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import { Err } from '../protocol/error-codes.js';
import type { Store } from '../store/index.js';
import { audiencePages } from './audience.js';
import type { PushCondition } from './condition.js';
import { Pacer } from './pacer.js';

/** Conversation actors asked at once by one task. */
export const PUSH_CONCURRENCY = 16;
/** Recipients per second per task (Tencent: 200 recipients/s for a stored push). */
export const PUSH_RATE_PER_SEC = 200;
/** Tasks running at once on one node; more are refused with 91000. */
export const MAX_RUNNING_PUSH_TASKS = 8;
/** Tencent: two pushes of one app must be more than 1 s apart (90024). */
export const PUSH_MIN_INTERVAL_MS = 1000;
/** Finished tasks remembered for status(); the oldest are forgotten first. */
export const FINISHED_PUSH_TASKS_KEPT = 100;

export interface PushJob {
  sdkAppId: number;
  from: string;
  /** The checked message; `to` is replaced per recipient. */
  send: C2cSend;
  condition: PushCondition;
}

export type PushTaskState = 'running' | 'done' | 'failed';

export interface PushTaskStatus {
  taskId: string;
  sdkAppId: number;
  state: PushTaskState;
  sent: number;
  failed: number;
  error?: string;
}

export interface PushTaskDeps {
  store: Pick<Store, 'accounts' | 'userAttrs'>;
  actors: ActorClient;
  clock: Clock;
  log: Logger;
  metrics: Pick<Metrics, 'allMemberPushSends' | 'allMemberPushTasks' | 'allMemberPushLimitHits'>;
  askTimeoutMs: number;
  /** Overrides PUSH_CONCURRENCY / PUSH_RATE_PER_SEC (tests, tuning). */
  concurrency?: number;
  ratePerSec?: number;
}

interface Task {
  status: PushTaskStatus;
  finished: Promise<void>;
}

export class PushTasks {
  private readonly tasks = new Map<string, Task>();
  private readonly lastStart = new Map<number, number>();
  private running = 0;
  private stopped = false;

  constructor(private readonly deps: PushTaskDeps) {}

  /** Registers and starts a push; the TaskId. Throws ImError 90024 / 91000 when refused. */
  start(job: PushJob): string {
    const { clock, metrics } = this.deps;
    if (this.stopped) throw new ImError(Err.PUSH_INTERNAL, 'this node is stopping; retry the push');
    const now = clock.nowMs();
    const last = this.lastStart.get(job.sdkAppId);
    if (last !== undefined && now - last < PUSH_MIN_INTERVAL_MS) {
      metrics.allMemberPushLimitHits.inc({ limit: 'interval' });
      throw new ImError(Err.PUSH_TOO_FREQUENT, `pushes of one app must be more than ${PUSH_MIN_INTERVAL_MS} ms apart`);
    }
    if (this.running >= MAX_RUNNING_PUSH_TASKS) {
      metrics.allMemberPushLimitHits.inc({ limit: 'tasks' });
      throw new ImError(Err.PUSH_INTERNAL, `${MAX_RUNNING_PUSH_TASKS} push tasks are already running on this node; retry later`);
    }
    this.lastStart.set(job.sdkAppId, now);
    const taskId = randomId(16);
    const status: PushTaskStatus = { taskId, sdkAppId: job.sdkAppId, state: 'running', sent: 0, failed: 0 };
    this.running++;
    metrics.allMemberPushTasks.inc();
    const finished = this.run(job, status).finally(() => {
      this.running--;
      metrics.allMemberPushTasks.dec();
      this.forgetOld();
    });
    this.tasks.set(taskId, { status, finished });
    return taskId;
  }

  /** A copy of the task's progress, or undefined for an unknown (or forgotten) TaskId. */
  status(taskId: string): PushTaskStatus | undefined {
    const t = this.tasks.get(taskId);
    return t && { ...t.status };
  }

  /** Resolves with the final status once the task has ended. */
  async finished(taskId: string): Promise<PushTaskStatus> {
    const t = this.tasks.get(taskId);
    if (!t) throw new Error(`unknown push task ${taskId}`);
    await t.finished;
    return { ...t.status };
  }

  /** Stops every running task after its in-flight sends and waits for them. */
  async close(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.tasks.values()].map((t) => t.finished));
  }

  private async run(job: PushJob, status: PushTaskStatus): Promise<void> {
    const { store, log } = this.deps;
    const pacer = new Pacer(this.deps.clock, this.deps.ratePerSec ?? PUSH_RATE_PER_SEC);
    try {
      for await (const page of audiencePages(store, job.sdkAppId, job.condition, job.from)) {
        if (this.stopped) break;
        await this.sendPage(job, page, status, pacer);
      }
      status.state = this.stopped ? 'failed' : 'done';
      if (this.stopped) status.error = 'node stopped';
      log.info('all-member push task ended', { taskId: status.taskId, sdkAppId: job.sdkAppId, state: status.state, sent: status.sent, failed: status.failed });
    } catch (e) {
      status.state = 'failed';
      status.error = (e as Error).message;
      log.error('all-member push task failed', { taskId: status.taskId, sdkAppId: job.sdkAppId, err: status.error });
    }
  }

  private async sendPage(job: PushJob, page: string[], status: PushTaskStatus, pacer: Pacer): Promise<void> {
    const { actors, metrics, askTimeoutMs } = this.deps;
    let next = 0;
    const worker = async () => {
      while (next < page.length && !this.stopped) {
        const to = page[next++]!;
        if (await pacer.take()) metrics.allMemberPushLimitHits.inc({ limit: 'rate' });
        try {
          await actors.ask(c2cAddr(job.sdkAppId, job.from, to), { ...job.send, to }, { timeoutMs: askTimeoutMs });
          status.sent++;
          metrics.allMemberPushSends.inc({ result: 'ok' });
        } catch {
          status.failed++;
          metrics.allMemberPushSends.inc({ result: 'failed' });
        }
      }
    };
    const n = Math.min(this.deps.concurrency ?? PUSH_CONCURRENCY, page.length);
    await Promise.all(Array.from({ length: n }, worker));
  }

  private forgetOld(): void {
    const finished = [...this.tasks].filter(([, t]) => t.status.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - FINISHED_PUSH_TASKS_KEPT))) this.tasks.delete(id);
  }
}
