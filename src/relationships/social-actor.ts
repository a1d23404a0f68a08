// The social actor: one per user (id `${sdkAppId}:${userId}`), single writer of that user's
// friend rows, requests, blocklist, friend lists, profile and change log. State is only the
// change log's position (reloaded from the store's maxSeq on activation, so seqs never step back
// after failover); rows are read from the store in each turn. Two-sided operations write this
// user's side here with the peer's side in the same append (an outbox), then send it to the peer's
// actor (peer-delivery.ts), never awaiting it inside the turn (rule B5.2). Activation re-sends
// whatever an earlier owner left unsent, before the first turn, so it goes ahead of newer events.
import type { Actor, ActorContext, ActorKind } from '../actors/actor.js';
import { assertNever } from '../lib/errors.js';
import { parseSessionId } from '../sessions/session-actor.js';
import { ChangeLog } from './change-log.js';
import { PeerOutbox } from './peer-delivery.js';
import { applyPeerEvent, applyProfileChanged } from './peer-events.js';
import { pushChanges } from './push.js';
import { SocialCtx, type SocialDeps } from './social-context.js';
import { runCommand } from './social-commands.js';
import { SOCIAL_KIND, type SocialMsg } from './social-messages.js';

export type { SocialDeps } from './social-context.js';

class SocialActor implements Actor<SocialMsg> {
  private readonly ctx: SocialCtx;
  private readonly changes: ChangeLog;
  private readonly outbox: PeerOutbox;

  constructor(id: string, deps: SocialDeps, actx: ActorContext<SocialMsg>) {
    const { sdkAppId, userId } = parseSessionId(id);
    this.changes = new ChangeLog(deps.store, sdkAppId, userId, (c) => pushChanges({ presence: deps.presence, bus: deps.bus, log: actx.log }, sdkAppId, userId, c), deps.clock, deps.metrics);
    const outboxDeps = { client: actx, store: deps.store, clock: deps.clock, log: actx.log, metrics: deps.metrics, timeoutMs: deps.askTimeoutMs };
    this.outbox = new PeerOutbox({ ...outboxDeps, scheduleSweep: (ms) => actx.schedule(ms, { t: 'outbox' }) }, sdkAppId, userId);
    this.ctx = new SocialCtx(deps, sdkAppId, userId, this.changes, this.outbox, actx, actx.log);
  }

  async onActivate(): Promise<void> {
    await this.changes.load();
    // Orphans first: this activation may append their seqs again.
    const known = await this.outbox.dropOrphans(this.changes.lastSeq);
    if (known === undefined || known.length > 0) await this.outbox.sweep(this.changes.lastSeq, known);
  }

  async handle(msg: SocialMsg): Promise<unknown> {
    switch (msg.t) {
      case 'cmd':
        return runCommand(this.ctx, msg.req, msg.cmd);
      case 'peer':
        return applyPeerEvent(this.ctx, msg.from, msg.key, msg.ev);
      case 'profile':
        return applyProfileChanged(this.ctx, msg.from, msg.tags);
      case 'outbox':
        return this.outbox.sweep(this.changes.lastSeq);
      default:
        return assertNever(msg, 'social message');
    }
  }
}

export function socialKind(deps: SocialDeps): ActorKind<SocialMsg> {
  return { kind: SOCIAL_KIND, create: (id, ctx) => new SocialActor(id, deps, ctx) };
}
