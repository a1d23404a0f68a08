// Resolves `/v4/{service}/{command}` to a handler from the merged command table. Lookups go
// through Maps built once, so path segments such as `constructor` or `__proto__` can never reach
// Object.prototype. Unknown paths are 60009 (request resource error, spec §1.3).
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { CommandTable, RestHandler } from './context.js';

export interface Route {
  service: string;
  command: string;
  handler: RestHandler;
}

export const API_VERSION = 'v4';

export class Router {
  private readonly services = new Map<string, Map<string, RestHandler>>();

  constructor(table: CommandTable) {
    for (const service of Object.keys(table)) {
      const commands = table[service]!;
      this.services.set(service, new Map(Object.keys(commands).map((c) => [c, commands[c]!])));
    }
  }

  /** The route of a URL path (no query string), or throws ImError(60009). */
  resolve(path: string): Route {
    const parts = path.replace(/^\/+/, '').split('/');
    if (parts.length !== 3 || parts[0] !== API_VERSION) {
      throw new ImError(Err.BAD_URL_PATH, `bad URL path, expected /${API_VERSION}/{service}/{command}`);
    }
    const service = parts[1]!;
    const command = parts[2]!;
    const handler = this.services.get(service)?.get(command);
    if (!handler) throw new ImError(Err.BAD_URL_PATH, `unknown API ${service}/${command}`);
    return { service, command, handler };
  }

  /** Every `service/command` served, for docs and tests. */
  list(): string[] {
    return [...this.services].flatMap(([s, cmds]) => [...cmds.keys()].map((c) => `${s}/${c}`));
  }
}
