// parseSendRequest: options then body, CloudCustomData counted in the 12 KB, errors in order.
import { describe, expect, it } from 'vitest';
import { MAX_MSG_BYTES } from '../../../src/messaging/msg-body.js';
import { parseSendRequest } from '../../../src/messaging/send-request.js';
import { uniformCodes } from '../../../src/messaging/send-options.js';
import { TEXT, expectCode } from './fixtures.js';

describe('parseSendRequest', () => {
  it('reads a Tencent sendmsg body', () => {
    const r = parseSendRequest({ To_Account: 'bob', MsgRandom: 3, MsgBody: [TEXT], CloudCustomData: 'c' }, { kind: 'c2c' });
    expect(r.options).toMatchObject({ random: 3, cloudCustomData: 'c' });
    expect(r.body).toEqual([TEXT]);
  });

  it('counts CloudCustomData toward the size limit', () => {
    const text = 'a'.repeat(MAX_MSG_BYTES - JSON.stringify([{ MsgType: 'TIMTextElem', MsgContent: { Text: '' } }]).length);
    const body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }];
    expect(() => parseSendRequest({ MsgRandom: 1, MsgBody: body }, { kind: 'c2c' })).not.toThrow();
    expectCode(() => parseSendRequest({ MsgRandom: 1, MsgBody: body, CloudCustomData: 'x' }, { kind: 'c2c' }), 80002);
  });

  it('checks options before the body', () => {
    expectCode(() => parseSendRequest({ MsgBody: 'bad' }, { kind: 'c2c' }), 90005);
    expectCode(() => parseSendRequest({ MsgRandom: 1 }, { kind: 'c2c' }), 90002);
    expectCode(() => parseSendRequest({ MsgRandom: 1, MsgBody: {} }, { kind: 'c2c' }), 90007);
    expectCode(() => parseSendRequest({ Random: 1, MsgPriority: 'x', MsgBody: [TEXT] }, { kind: 'group', codes: uniformCodes(10004) }), 10004);
  });
});
