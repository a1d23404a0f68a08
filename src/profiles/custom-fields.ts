// App-defined profile fields `Tag_Profile_Custom_{key}` (spec §2.1 item 19, §8): declared per app
// in the apps file (AppConfig.profileCustomFields), at most 20, key letters only and at most 8
// bytes, value at most 500 bytes. Each declares who may read and write it from the client; the
// app admin (REST) may always do both. parseProfileCustomFields is what the config loader runs.

export const CUSTOM_PROFILE_PREFIX = 'Tag_Profile_Custom_';
export const MAX_CUSTOM_PROFILE_FIELDS = 20;
export const MAX_CUSTOM_KEY_BYTES = 8;

export type CustomFieldType = 'string' | 'integer';

export interface ProfileCustomField {
  /** The part after Tag_Profile_Custom_: ASCII letters, 1..8 bytes. */
  key: string;
  type: CustomFieldType;
  /** 'all': any logged-in user may read it (own and others' profiles); 'admin': REST only. */
  read: 'all' | 'admin';
  /** 'self': the owner may set it from the client; 'admin': REST only. */
  write: 'self' | 'admin';
}

const KEY_PATTERN = /^[A-Za-z]{1,8}$/;

export const customTagOf = (key: string): string => `${CUSTOM_PROFILE_PREFIX}${key}`;

/** Validates a declaration list from the apps file; throws Error naming `where` and the entry. */
export function parseProfileCustomFields(raw: unknown, where: string): ProfileCustomField[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new Error(`${where}.profileCustomFields must be an array`);
  if (raw.length > MAX_CUSTOM_PROFILE_FIELDS) {
    throw new Error(`${where}.profileCustomFields has ${raw.length} fields, at most ${MAX_CUSTOM_PROFILE_FIELDS} allowed`);
  }
  const seen = new Set<string>();
  return raw.map((f: unknown, i) => {
    const at = `${where}.profileCustomFields[${i}]`;
    if (typeof f !== 'object' || f === null || Array.isArray(f)) throw new Error(`${at} must be an object`);
    const { key, type = 'string', read = 'all', write = 'self' } = f as Record<string, unknown>;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) throw new Error(`${at}.key must be 1..${MAX_CUSTOM_KEY_BYTES} ASCII letters`);
    if (seen.has(key)) throw new Error(`${at}.key ${key} is declared twice`);
    seen.add(key);
    if (type !== 'string' && type !== 'integer') throw new Error(`${at}.type must be "string" or "integer"`);
    if (read !== 'all' && read !== 'admin') throw new Error(`${at}.read must be "all" or "admin"`);
    if (write !== 'self' && write !== 'admin') throw new Error(`${at}.write must be "self" or "admin"`);
    return { key, type, read, write };
  });
}
