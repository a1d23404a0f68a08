// Random identifiers that need to be unique, not secret-grade unless stated.
import { randomBytes } from 'node:crypto';

export const randomId = (bytes = 8): string => randomBytes(bytes).toString('hex');
export const randomUint32 = (): number => randomBytes(4).readUInt32BE(0);
