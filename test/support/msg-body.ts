// Message bodies the tests send and read: one text element, and the text of a message's first
// element ('' when it has none).

export const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];

export const textOf = (m: { body: readonly unknown[] }): string => ((m.body[0] as { MsgContent?: { Text?: string } } | undefined)?.MsgContent?.Text ?? '');
