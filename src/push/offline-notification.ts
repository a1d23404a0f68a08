// The notification for one stored message (spec §3): OfflinePushInfo over the element push text,
// with a TIMCustomElem's Ext and Sound as fallbacks, plus the sender and MsgKey as data so the app
// can open the conversation. Undefined when the sender asked for no push (PushFlag=1).
import { MsgType, type MsgElement } from '../messaging/msg-types.js';
import { pushTextOf } from '../messaging/push-text.js';
import { fromOfflinePushInfo, type OfflinePushInfo, type PushOptions } from './offline-push-info.js';
import type { PushNotification } from './push-provider.js';

/** Data keys every message notification carries (APNs top level, FCM data). */
export const PUSH_DATA_SENDER = 'sender';
export const PUSH_DATA_MSG_KEY = 'msgKey';

export interface MessagePushFacts {
  from: string;
  msgKey: string;
  /** The stored MsgBody (Tencent element form). */
  body: readonly unknown[];
  offlinePushInfo?: OfflinePushInfo;
}

export function messageNotification(m: MessagePushFacts): PushNotification | undefined {
  const elements = m.body as readonly MsgElement[];
  const custom = elements.find((e) => e?.MsgType === MsgType.CUSTOM) as Extract<MsgElement, { MsgType: typeof MsgType.CUSTOM }> | undefined;
  const opts: PushOptions = {};
  if (custom?.MsgContent.Ext) opts.elementExt = custom.MsgContent.Ext;
  if (custom?.MsgContent.Sound) opts.elementSound = custom.MsgContent.Sound;
  // An element of a type this server does not know adds no text rather than failing the push.
  const text = elements.map((e) => safeText(e)).join('');
  const n = fromOfflinePushInfo(m.offlinePushInfo, text, opts);
  if (n) n.data = { [PUSH_DATA_SENDER]: m.from, [PUSH_DATA_MSG_KEY]: m.msgKey };
  return n;
}

function safeText(e: MsgElement): string {
  try {
    return pushTextOf([e]) ?? '';
  } catch {
    return '';
  }
}
