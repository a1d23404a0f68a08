// Push text table (spec §3): element texts concatenated with no separators.
import { describe, expect, it } from 'vitest';
import { parseMsgBody } from '../../../src/messaging/msg-body.js';
import {
  PUSH_TEXT_FACE,
  PUSH_TEXT_FILE,
  PUSH_TEXT_IMAGE,
  PUSH_TEXT_LOCATION,
  PUSH_TEXT_RELAY,
  PUSH_TEXT_SOUND,
  PUSH_TEXT_VIDEO,
  elementPushText,
  pushTextOf,
} from '../../../src/messaging/push-text.js';
import { CUSTOM, FACE, FILE, IMAGE, LOCATION, RELAY_BY_KEY, RELAY_INLINE, SOUND, TEXT, VIDEO } from './fixtures.js';

const one = (el: unknown) => elementPushText(parseMsgBody([el])[0]!);

describe('push text', () => {
  it('has one text per element type', () => {
    expect(one(TEXT)).toBe('hello world');
    expect(one(LOCATION)).toBe('[Location]');
    expect(one(FACE)).toBe('[Face]');
    expect(one(CUSTOM)).toBe('notification');
    expect(one(SOUND)).toBe('[Voice]');
    expect(one(IMAGE)).toBe('[Image]');
    expect(one(FILE)).toBe('[File]');
    expect(one(VIDEO)).toBe('[Video]');
    expect(one(RELAY_INLINE)).toBe('Chat between alice and bob');
    expect([PUSH_TEXT_LOCATION, PUSH_TEXT_FACE, PUSH_TEXT_SOUND, PUSH_TEXT_IMAGE, PUSH_TEXT_FILE, PUSH_TEXT_VIDEO, PUSH_TEXT_RELAY]).toEqual([
      '[Location]',
      '[Face]',
      '[Voice]',
      '[Image]',
      '[File]',
      '[Video]',
      '[Chat history]',
    ]);
  });

  it('uses the default for a merged message without a Title, or an empty one', () => {
    const { Title: _t, ...noTitle } = RELAY_BY_KEY.MsgContent;
    expect(one({ MsgType: 'TIMRelayElem', MsgContent: noTitle })).toBe('[Chat history]');
    expect(one({ MsgType: 'TIMRelayElem', MsgContent: { ...noTitle, Title: '' } })).toBe('[Chat history]');
  });

  it('is empty for a custom element without Desc', () => {
    expect(one({ MsgType: 'TIMCustomElem', MsgContent: { Data: 'x' } })).toBe('');
  });

  it('concatenates without separators', () => {
    const body = parseMsgBody([TEXT, FACE, { MsgType: 'TIMTextElem', MsgContent: { Text: '!' } }, IMAGE, CUSTOM]);
    expect(pushTextOf(body)).toBe('hello world[Face]![Image]notification');
  });
});
