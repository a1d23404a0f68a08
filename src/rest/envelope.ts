// The Tencent REST response envelope (spec §1.2): ActionStatus/ErrorCode/ErrorInfo first, then the
// API's own fields. Relationship (sns) and profile answers also carry ErrorDisplay (client display
// text, always "" here). API fields never overwrite the envelope's.

export interface RestReply {
  status: number;
  /** JSON text. */
  body: string;
}

/** Services whose answers carry ErrorDisplay, success or failure (spec §1.2). */
const SERVICES_WITH_ERROR_DISPLAY: ReadonlySet<string> = new Set(['sns', 'profile']);

function envelope(code: number, info: string, service: string | undefined): Record<string, unknown> {
  const env: Record<string, unknown> = { ActionStatus: code === 0 ? 'OK' : 'FAIL', ErrorCode: code, ErrorInfo: info };
  if (service !== undefined && SERVICES_WITH_ERROR_DISPLAY.has(service)) env.ErrorDisplay = '';
  return env;
}

function merge(env: Record<string, unknown>, fields: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(fields)) if (!Object.hasOwn(env, k)) env[k] = v;
  return env;
}

/** Success with the handler's fields. Throws if the fields cannot be serialized (the gateway
 *  turns that into an internal error). */
export function okBody(fields: Record<string, unknown>, service?: string): string {
  return JSON.stringify(merge(envelope(0, '', service), fields));
}

/** Failure; `fields` lets a failing API still return partial data where Tencent does. */
export function failBody(code: number, info: string, service?: string, fields: Record<string, unknown> = {}): string {
  return JSON.stringify(merge(envelope(code, info, service), fields));
}

/** Application outcomes are always HTTP 200; the real result is in the body (spec §1.1). */
export const reply = (body: string): RestReply => ({ status: 200, body });
