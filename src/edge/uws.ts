// Loads uWebSockets.js and refuses to run on its JS fallback. The package silently falls back to a
// `ws`-based implementation (one console warning) when its native binary does not match this
// Node ABI; that fallback is slower and lacks parts of the API (getParts is missing), so an edge on
// it would misbehave under load. Fail loudly instead. CommonJS module, hence createRequire.
import { createRequire } from 'node:module';
import type * as UwsTypes from '@trufflesuite/uws-js-unofficial';

export type Uws = typeof UwsTypes;
export type { HttpRequest, HttpResponse, TemplatedApp, WebSocket, us_listen_socket, us_socket } from '@trufflesuite/uws-js-unofficial';

export const UWS_PACKAGE = '@trufflesuite/uws-js-unofficial';

/** Throws when the module is the JS fallback, i.e. when getParts is not a function. */
export function assertNativeUws(mod: { getParts?: unknown }): void {
  if (typeof mod.getParts !== 'function') {
    throw new Error(
      `${UWS_PACKAGE} is running its JavaScript fallback, not the native binary ` +
        `(platform ${process.platform}-${process.arch}, Node ABI ${process.versions.modules}). ` +
        'The edge needs the native uWebSockets.js: use a Node version with a prebuilt binary in ' +
        `node_modules/${UWS_PACKAGE}/binaries and unset UWS_USE_FALLBACK.`,
    );
  }
}

export function loadUws(): Uws {
  const mod = createRequire(import.meta.url)(UWS_PACKAGE) as Uws;
  assertNativeUws(mod);
  return mod;
}
