// MsgContent checks for the leaf element types of spec §3 (everything but TIMRelayElem, which
// recurses and lives in msg-body.ts). One field table per type: known fields are type-checked,
// unknown ones copied as plain JSON and kept; the copy keeps the client's key order so its JSON
// is the same size as what was sent. Required fields are the ones a receiver needs to render.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import { copyJson, isPlainObject, typeName } from './json-copy.js';
import { DOWNLOAD_FLAG_URL, IMAGE_FORMATS, IMAGE_INFO_TYPES, MsgType, type MsgTypeName } from './msg-types.js';
import { hasLoneSurrogate } from './utf8.js';

type Kind = 'string' | 'number' | 'int' | 'count' | 'downloadFlag' | 'imageFormat' | 'imageInfoType' | 'imageInfos';
interface FieldSpec {
  kind: Kind;
  required?: true;
}
type Table = Readonly<Record<string, FieldSpec>>;

const req = (kind: Kind): FieldSpec => ({ kind, required: true });
const opt = (kind: Kind): FieldSpec => ({ kind });

const IMAGE_INFO: Table = { Type: req('imageInfoType'), URL: req('string'), Size: opt('count'), Width: opt('count'), Height: opt('count') };

/** Field tables of the leaf element types. */
export const CONTENT_TABLES: Readonly<Record<Exclude<MsgTypeName, typeof MsgType.RELAY>, Table>> = {
  [MsgType.TEXT]: { Text: req('string') },
  [MsgType.LOCATION]: { Desc: opt('string'), Latitude: req('number'), Longitude: req('number') },
  [MsgType.FACE]: { Index: req('int'), Data: opt('string') },
  [MsgType.CUSTOM]: { Data: req('string'), Desc: opt('string'), Ext: opt('string'), Sound: opt('string') },
  [MsgType.SOUND]: { Url: req('string'), UUID: opt('string'), Size: req('count'), Second: req('count'), Download_Flag: opt('downloadFlag') },
  [MsgType.IMAGE]: { UUID: opt('string'), ImageFormat: req('imageFormat'), ImageInfoArray: req('imageInfos') },
  [MsgType.FILE]: { Url: req('string'), UUID: opt('string'), FileSize: opt('count'), FileName: opt('string'), Download_Flag: opt('downloadFlag') },
  [MsgType.VIDEO]: {
    VideoUrl: req('string'),
    VideoUUID: opt('string'),
    VideoSize: opt('count'),
    VideoSecond: opt('count'),
    VideoFormat: opt('string'),
    VideoDownloadFlag: opt('downloadFlag'),
    ThumbUrl: opt('string'),
    ThumbUUID: opt('string'),
    ThumbSize: opt('count'),
    ThumbWidth: opt('count'),
    ThumbHeight: opt('count'),
    ThumbFormat: opt('string'),
    ThumbDownloadFlag: opt('downloadFlag'),
  },
};

export const invalid = (info: string): ImError => new ImError(Err.MSG_ELEMENT_INVALID, info);

/** A well-formed string (UTF-8 storage cannot carry lone surrogates). */
export function checkString(v: unknown, path: string): string {
  if (typeof v !== 'string') throw invalid(`${path} must be a string, got ${typeName(v)}`);
  if (hasLoneSurrogate(v)) throw invalid(`${path} is not well-formed Unicode`);
  return v;
}

/** A non-negative safe integer (sizes, seconds, seqs, times). */
export function checkCount(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw invalid(`${path} must be a non-negative integer, got ${JSON.stringify(v) ?? typeName(v)}`);
  return v;
}

function checkField(kind: Kind, v: unknown, path: string): unknown {
  switch (kind) {
    case 'string':
      return checkString(v, path);
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(`${path} must be a number, got ${typeName(v)}`);
      return v;
    case 'int':
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw invalid(`${path} must be an integer, got ${typeName(v)}`);
      return v;
    case 'count':
      return checkCount(v, path);
    case 'downloadFlag':
      if (v !== DOWNLOAD_FLAG_URL) throw invalid(`${path} must be ${DOWNLOAD_FLAG_URL} (download from the URL)`);
      return v;
    case 'imageFormat':
      if (typeof v !== 'number' || !IMAGE_FORMATS.includes(v)) throw invalid(`${path} must be one of ${IMAGE_FORMATS.join(', ')}`);
      return v;
    case 'imageInfoType':
      if (typeof v !== 'number' || !IMAGE_INFO_TYPES.includes(v)) throw invalid(`${path} must be one of ${IMAGE_INFO_TYPES.join(', ')}`);
      return v;
    case 'imageInfos':
      if (!Array.isArray(v) || v.length === 0) throw invalid(`${path} must be a non-empty array`);
      return v.map((x, i) => parseFields(IMAGE_INFO, x, `${path}[${i}]`));
  }
}

/**
 * Checks `raw` against `table` and returns a copy: known fields checked, unknown ones copied as
 * JSON (or handed to `special`, for fields a caller checks itself), required ones present.
 */
export function parseFields(table: Table, raw: unknown, path: string, special?: (name: string, v: unknown, path: string) => unknown): Record<string, unknown> {
  if (!isPlainObject(raw)) throw invalid(`${path} must be an object, got ${typeName(raw)}`);
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(raw)) {
    const v = raw[name];
    const at = `${path}.${name}`;
    if (hasLoneSurrogate(name)) throw invalid(`${path} has a field name that is not well-formed Unicode`);
    const spec = Object.hasOwn(table, name) ? table[name] : undefined;
    if (spec) out[name] = checkField(spec.kind, v, at);
    else if (special) out[name] = special(name, v, at);
    else out[name] = copyExtra(v, at);
  }
  for (const [name, spec] of Object.entries(table)) {
    if (spec.required && !Object.hasOwn(out, name)) throw invalid(`${path}.${name} is required`);
  }
  return out;
}

export function copyExtra(v: unknown, path: string): unknown {
  const r = copyJson(v, path);
  if ('fault' in r) throw invalid(r.fault);
  return r.value;
}
