// The outcome code of a request: 0 when it succeeds, else the ImError code it was refused with
// (any other failure fails the test); and, for requests that must be refused, the refusal itself.
import { ImError } from '../../src/lib/errors.js';

export async function outcomeCode(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 0;
  } catch (e) {
    if (e instanceof ImError) return e.code;
    throw e;
  }
}

/** The refusal a promise must end in: its code and info (a success or another error fails the test). */
export async function refusal(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  if (!(e instanceof ImError)) throw new Error(`expected an ImError, got ${String(e)}`);
  return { code: e.code, message: e.info };
}

/** The ImError code a refused promise carries (fails the test on any other outcome). */
export const refusedCode = async (p: Promise<unknown>): Promise<number> => (await refusal(p)).code;
