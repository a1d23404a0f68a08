// The outcome code of a request: 0 when it succeeds, else the ImError code it was refused with
// (any other failure fails the test).
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
