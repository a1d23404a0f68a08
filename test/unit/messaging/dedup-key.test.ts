// Dedup keys of spec §7: which sends count as the same one. C2C (sender, recipient, MsgSeq,
// MsgRandom, CRC-32 of content) for 120 s; group Random per group for 5 min; importmsg
// (MsgSeq, MsgRandom, MsgTimeStamp) forever with from/to order irrelevant.
import { describe, expect, it } from 'vitest';
import {
  C2C_DEDUP_WINDOW_SEC,
  GROUP_DEDUP_WINDOW_SEC,
  IMPORT_DEDUP_TTL_SEC,
  c2cSendDedupKey,
  contentCrc,
  groupSendDedupKey,
  importDedupKey,
  joinKey,
} from '../../../src/messaging/dedup-key.js';
import { parseMsgBody } from '../../../src/messaging/msg-body.js';
import { DEDUP_SCOPE, MAX_DEDUP_KEY_BYTES } from '../../../src/store/dedup.js';
import { utf8Length } from '../../../src/messaging/utf8.js';
import { FACE, TEXT } from './fixtures.js';

const body = parseMsgBody([TEXT]);
const send = { from: 'alice', to: 'bob', clientSeq: 7, random: 12345, body };

describe('C2C send dedup key', () => {
  it('is the same for a retry, with a 120 s window in the c2c scope', () => {
    const k = c2cSendDedupKey(send);
    expect(k).toEqual(c2cSendDedupKey({ ...send, body: parseMsgBody([structuredClone(TEXT)]) }));
    expect(k.scope).toBe('c2c');
    expect(k.ttlSec).toBe(C2C_DEDUP_WINDOW_SEC);
    expect(C2C_DEDUP_WINDOW_SEC).toBe(120);
    expect(k.scope).toMatch(DEDUP_SCOPE);
  });

  it('differs when any part differs', () => {
    const k = c2cSendDedupKey(send).key;
    const variants = [
      { ...send, from: 'carol' },
      { ...send, to: 'carol' },
      { ...send, clientSeq: 8 },
      { ...send, clientSeq: undefined },
      { ...send, random: 12346 },
      { ...send, body: parseMsgBody([FACE]) },
      { ...send, body: parseMsgBody([{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello world!' } }]) },
      { ...send, cloudCustomData: 'x' },
    ];
    const keys = variants.map((v) => c2cSendDedupKey(v).key);
    for (const other of keys) expect(other).not.toBe(k);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('writes an absent MsgSeq as "-" so retries without one still match', () => {
    const { clientSeq: _s, ...noSeq } = send;
    expect(c2cSendDedupKey(noSeq).key).toBe(c2cSendDedupKey(noSeq).key);
    expect(c2cSendDedupKey(noSeq).key).toContain('|-|');
  });

  it('cannot be confused by separators inside user ids', () => {
    const a = c2cSendDedupKey({ ...send, from: 'a|b', to: 'c' }).key;
    const b = c2cSendDedupKey({ ...send, from: 'a', to: 'b|c' }).key;
    expect(a).not.toBe(b);
    expect(joinKey(['a:1', 'b'])).not.toBe(joinKey(['a', '1:b']));
  });

  it('fits the dedup store key limit with 32-byte user ids', () => {
    const long = 'u'.repeat(32);
    const k = c2cSendDedupKey({ ...send, from: long, to: long, clientSeq: 0xffffffff, random: 0xffffffff });
    expect(utf8Length(k.key)).toBeLessThanOrEqual(MAX_DEDUP_KEY_BYTES);
  });

  it('checksums body JSON, a 0 byte, then CloudCustomData', () => {
    expect(contentCrc(body)).toBe(contentCrc(body, ''));
    expect(contentCrc(body, 'x')).not.toBe(contentCrc(body));
    // 'ab' + '' vs 'a' + 'b' style shifts are told apart by the separator
    const t = (s: string) => parseMsgBody([{ MsgType: 'TIMTextElem', MsgContent: { Text: s } }]);
    expect(contentCrc(t('ab'), '')).not.toBe(contentCrc(t('a'), 'b'));
  });
});

describe('group send dedup key', () => {
  it('is Random per group (or topic) for 5 minutes, whoever sends', () => {
    const k = groupSendDedupKey('@TGS#1', 99);
    expect(k).toEqual({ scope: 'group', key: groupSendDedupKey('@TGS#1', 99).key, ttlSec: GROUP_DEDUP_WINDOW_SEC });
    expect(GROUP_DEDUP_WINDOW_SEC).toBe(300);
    expect(groupSendDedupKey('@TGS#1', 100).key).not.toBe(k.key);
    expect(groupSendDedupKey('@TGS#2', 99).key).not.toBe(k.key);
    expect(groupSendDedupKey('@TGS#1@TOPIC#_a', 99).key).not.toBe(k.key);
  });
});

describe('importmsg dedup key', () => {
  const imp = { from: 'alice', to: 'bob', clientSeq: 1, random: 2, timeSec: 1700000000 };

  it('is forever (TTL 0) and the same with from/to swapped', () => {
    const k = importDedupKey(imp);
    expect(k.ttlSec).toBe(IMPORT_DEDUP_TTL_SEC);
    expect(IMPORT_DEDUP_TTL_SEC).toBe(0);
    expect(k.scope).toBe('import');
    expect(importDedupKey({ ...imp, from: 'bob', to: 'alice' })).toEqual(k);
  });

  it('differs by MsgSeq, MsgRandom, MsgTimeStamp and conversation, not by content', () => {
    const k = importDedupKey(imp).key;
    for (const v of [{ clientSeq: 2 }, { clientSeq: undefined }, { random: 3 }, { timeSec: 1700000001 }, { to: 'carol' }, { from: 'carol' }]) {
      expect(importDedupKey({ ...imp, ...v }).key).not.toBe(k);
    }
  });

  it('is not the C2C live key for the same numbers', () => {
    expect(importDedupKey(imp).scope).not.toBe(c2cSendDedupKey(send).scope);
  });
});
