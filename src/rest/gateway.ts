// The REST v4 gateway, independent of the HTTP server (the uWS edge hands it RestRequests).
// Pipeline: method -> path -> body size -> admin auth -> rate limit -> JSON -> handler -> envelope.
// Application outcomes are always HTTP 200 with the envelope (spec §1.1); an unexpected exception
// becomes 70500, is logged, and the gateway keeps serving. Metric labels come only from the
// router's table (unknown paths count as "unknown"), so attacker paths cannot explode cardinality.
import { performance } from 'node:perf_hooks';
import { nowSeconds } from '../lib/clock.js';
import { ImError, isImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import { authenticateAdmin } from './admin-auth.js';
import { commandTable } from './commands.js';
import type { CommandTable, RestContext, RestDeps } from './context.js';
import { failBody, okBody, reply, type RestReply } from './envelope.js';
import { RestRateLimiter } from './rate-limit.js';
import { Router } from './router.js';

export type { RestReply } from './envelope.js';
export type { RestDeps } from './context.js';

export interface RestRequest {
  method: string;
  /** URL path without the query string, e.g. /v4/im_open_login_svc/account_import. */
  path: string;
  /** Raw query string without '?'. */
  query: string;
  body: Uint8Array;
  /** Set by the HTTP layer when it stopped reading at limits.restBodyBytes. */
  bodyTooLarge?: boolean;
  clientIp: string;
}

export interface RestGateway {
  handle(req: RestRequest): Promise<RestReply>;
}

const UNKNOWN = 'unknown';
const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseBody(bytes: Uint8Array): Record<string, unknown> {
  if (bytes.byteLength === 0) throw new ImError(Err.JSON_PARSE, 'request body is empty; send {} when the API has no parameters');
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(bytes));
  } catch {
    throw new ImError(Err.JSON_PARSE, 'request body is not valid UTF-8 JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ImError(Err.JSON_PARSE, 'request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** `opts.commands` replaces the production table (tests of the pipeline itself). */
export function createRestGateway(deps: RestDeps, opts: { commands?: CommandTable } = {}): RestGateway {
  const router = new Router(opts.commands ?? commandTable);
  const limiter = new RestRateLimiter(deps.clock, deps.metrics);
  const { metrics, log, limits } = deps;

  return {
    async handle(req) {
      const started = performance.now();
      let service = UNKNOWN;
      let command = UNKNOWN;
      let code: number = Err.OK;
      try {
        // Tencent answers every application outcome with HTTP 200 (spec §1.1), so a wrong method
        // is the envelope with 60008 ("bad HTTP request format"), not a bare 405. uWS reports
        // methods in lower case, hence the case-insensitive compare.
        if (req.method.toUpperCase() !== 'POST') throw new ImError(Err.BAD_HTTP_REQUEST, `HTTP method ${req.method.slice(0, 16)} not allowed, use POST`);
        const route = router.resolve(req.path);
        service = route.service;
        command = route.command;
        if (req.bodyTooLarge || req.body.byteLength > limits.restBodyBytes) {
          metrics.restBodyTooLarge.inc();
          throw new ImError(Err.BODY_TOO_LARGE, `JSON packet too long: the limit is ${limits.restBodyBytes} bytes`);
        }
        const admin = await authenticateAdmin(req.query, deps, nowSeconds(deps.clock));
        limiter.take(admin.sdkAppId, `${service}/${command}`, admin.app.restRatePerSec);
        const body = parseBody(req.body);
        const ctx: RestContext = {
          deps,
          app: admin.app,
          sdkAppId: admin.sdkAppId,
          identifier: admin.identifier,
          clientIp: req.clientIp,
          service,
          command,
          log: log.child({ sdkAppId: admin.sdkAppId, api: `${service}/${command}` }),
        };
        const fields = await route.handler(ctx, body);
        return reply(okBody(fields, service));
      } catch (e) {
        if (isImError(e)) {
          code = e.code;
          return reply(failBody(e.code, e.info, service === UNKNOWN ? undefined : service));
        }
        code = Err.INTERNAL;
        log.error('REST handler failed', { service, command, err: e });
        return reply(failBody(Err.INTERNAL, 'internal error', service === UNKNOWN ? undefined : service));
      } finally {
        metrics.restRequests.inc({ service, command, code: String(code) });
        metrics.restLatency.observe({ service }, (performance.now() - started) / 1000);
      }
    },
  };
}
