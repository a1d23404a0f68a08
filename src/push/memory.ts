// The in-process PushProvider (see PushProvider in push-provider.ts): records every send in order
// and answers { ok: true } unless a result was set for the token. Used by single-process tests and
// by deployments without push credentials. Copies what it records so later caller mutations do not
// rewrite history.
import type { PushNotification, PushProvider, PushResult, PushTarget } from './push-provider.js';
import { pushFailure } from './push-provider.js';

export interface RecordedPush {
  target: PushTarget;
  notification: PushNotification;
  result: PushResult;
}

export class MemoryPush implements PushProvider {
  private readonly log: RecordedPush[] = [];
  private readonly results = new Map<string, PushResult>();
  private closed = false;

  /** Every later send to this token answers `result` (until cleared with undefined). */
  setResult(token: string, result: PushResult | undefined): void {
    if (result) this.results.set(token, result);
    else this.results.delete(token);
  }

  async send(target: PushTarget, n: PushNotification): Promise<PushResult> {
    const result = !target.token
      ? pushFailure('invalid-token', false, 'push token is empty')
      : this.closed
        ? pushFailure('unavailable', true, 'provider closed')
        : (this.results.get(target.token) ?? { ok: true });
    this.log.push(structuredClone({ target, notification: n, result }));
    return result;
  }

  /** Sends so far, oldest first. */
  sent(): readonly RecordedPush[] {
    return this.log;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
