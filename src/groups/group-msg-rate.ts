// The live-room send rate (spec §8: 40 messages/s per AVChatRoom; beyond it lower priorities are
// dropped first, High > Normal > Low, answered with MsgDropReason). A fixed one-second window on the
// actor's clock; each priority may fill the window only up to its share, so Low is refused first,
// then Normal, and High keeps the last part of every second. Within one batch turn the sends are
// considered High first, so a burst drops its Low sends before its High ones. Other group types
// get the same window with one flat share: sends beyond it are refused (10023).
import type { MsgPriority } from '../messaging/send-options.js';

/** Messages one AVChatRoom admits per second by default (spec §8). */
export const AVCHATROOM_MSG_RATE = 40;
/** Messages any other group admits per second (spec §8: every group type); beyond, 10023. */
export const GROUP_MSG_RATE = 40;
/** Share of a second's budget each priority may fill in a live room (High: all of it). */
export const PRIORITY_SHARE: Readonly<Record<MsgPriority, number>> = { high: 1, normal: 0.8, low: 0.5 };
/** Other groups: every priority may fill the whole second (the excess is refused, not dropped). */
export const FLAT_SHARE: Readonly<Record<MsgPriority, number>> = { high: 1, normal: 1, low: 1 };
/** MsgDropReason of a send refused by the room's rate. */
export const DROP_REASON_RATE = 'MsgFreqLimit';

const RANK: Readonly<Record<MsgPriority, number>> = { high: 0, normal: 1, low: 2 };

export class RoomRate {
  private windowSec = -1;
  private used = 0;

  constructor(
    private readonly perSecond: number = AVCHATROOM_MSG_RATE,
    private readonly shares: Readonly<Record<MsgPriority, number>> = PRIORITY_SHARE,
  ) {}

  /**
   * Which of these sends (by priority, in batch order) are admitted now: true = admitted. Admitted
   * sends count against the current second at once.
   */
  admit(priorities: readonly MsgPriority[], nowMs: number): boolean[] {
    const sec = Math.floor(nowMs / 1000);
    if (sec !== this.windowSec) {
      this.windowSec = sec;
      this.used = 0;
    }
    const order = priorities.map((p, i) => ({ p, i })).sort((a, b) => RANK[a.p] - RANK[b.p] || a.i - b.i);
    const out = priorities.map(() => false);
    for (const { p, i } of order) {
      if (this.used < Math.floor(this.perSecond * this.shares[p])) {
        this.used++;
        out[i] = true;
      }
    }
    return out;
  }
}
