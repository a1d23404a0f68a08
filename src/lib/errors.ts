// One error type crosses every boundary: a numeric code (Tencent's where the spec has one, see
// protocol/error-codes.ts) and a human text. REST puts them in ErrorCode/ErrorInfo, the socket
// protocol in the reply frame's c/m fields.

export class ImError extends Error {
  override readonly name = 'ImError';
  constructor(
    readonly code: number,
    readonly info: string,
  ) {
    super(`${code}: ${info}`);
  }
}

export const isImError = (e: unknown): e is ImError => e instanceof ImError;

export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}
