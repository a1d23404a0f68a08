// v4 REST calls from k6 as the app admin (the users file carries the admin's UserSig), for set-up
// (creating groups) and for scenario traffic. Answers are parsed; a non-zero ErrorCode throws in
// set-up helpers so a broken preparation stops the run instead of measuring nothing.
import http from 'k6/http';
import { env } from './env.js';
import type { LoadUsers } from './users.js';

/** REST base URLs (http[s]://host:port) of the targets. */
export const restBases = (): string[] =>
  env('IM_LOAD_TARGETS', 'http://127.0.0.1:8080')
    .split(',')
    .map((s) => s.trim().replace(/^ws/, 'http').replace(/\/(ws)?$/, ''));

let n = 0;

export function rest(data: LoadUsers, api: string, body: unknown, base = restBases()[0]!): { status: number; answer: Record<string, unknown>; ms: number } {
  const q = `sdkappid=${data.sdkAppId}&identifier=${data.admin.identifier}&usersig=${data.admin.sig}&random=${Math.floor(Math.random() * 2 ** 31)}${n++}&contenttype=json`;
  const res = http.post(`${base}/v4/${api}?${q}`, JSON.stringify(body), { tags: { api } });
  let answer: Record<string, unknown> = {};
  try {
    answer = JSON.parse(String(res.body)) as Record<string, unknown>;
  } catch {
    // not JSON: the caller sees an empty answer and the status
  }
  return { status: res.status, answer, ms: res.timings.duration };
}

/** rest() that throws unless the answer is ErrorCode 0 (set-up steps). */
export function restOk(data: LoadUsers, api: string, body: unknown): Record<string, unknown> {
  const r = rest(data, api, body);
  if (r.status !== 200 || r.answer.ErrorCode !== 0) throw new Error(`${api} failed: HTTP ${r.status} ${JSON.stringify(r.answer)}`);
  return r.answer;
}
