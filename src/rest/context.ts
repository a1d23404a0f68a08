// Types shared by the REST gateway and every domain's command table (<domain>/rest.ts). A handler
// receives the authenticated admin call and the parsed JSON object, returns the API fields that
// go next to the envelope, and throws ImError to fail (the gateway turns it into the envelope).
import type { ActorClient } from '../actors/actor.js';
import type { PushTasks } from '../all-member-push/push-tasks.js';
import type { AppDirectory } from '../apps/app-directory.js';
import type { AppConfig, Limits } from '../config/config.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Presence } from '../presence/presence.js';
import type { RoomOnline } from '../groups/room-online.js';
import type { Store } from '../store/index.js';
import type { Webhooks } from '../webhooks/webhooks.js';

export interface RestDeps {
  apps: AppDirectory;
  store: Store;
  actors: ActorClient;
  presence: Presence;
  /** Live-room online counts summed over edges (get_online_member_num); absent = not known. */
  roomOnline?: RoomOnline;
  webhooks: Webhooks;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  limits: Limits;
  /** Background all-member push tasks (all_member_push/im_push); absent = im_push answers 91000. */
  pushTasks?: PushTasks;
}

export interface RestContext {
  readonly deps: RestDeps;
  readonly app: AppConfig;
  readonly sdkAppId: number;
  /** The admin account the call was signed for (query `identifier`). */
  readonly identifier: string;
  readonly clientIp: string;
  readonly service: string;
  readonly command: string;
  readonly log: Logger;
}

export type RestHandler = (ctx: RestContext, body: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** `{ [service]: { [command]: handler } }`, the shape of the `v4/{service}/{command}` URL. */
export type CommandTable = Record<string, Record<string, RestHandler>>;
