import type { Context } from '../../context.js';
import { headerValue } from '../../http/request-headers.js';
import { Response } from '../../response.js';
import type { CorsSettings } from './options.js';
import { addVary } from './vary.js';

/** A request feature over the app's context: the shape `app.addRequestFeature` takes. */
export interface CorsFeature {
  readonly name: 'cors';
  open(c: Context): Response | Promise<Response> | undefined;
  close(c: Context, response: Response): void | Promise<void>;
}

/**
 * The CORS request feature: `open` answers a preflight (`OPTIONS` with `Origin` and
 * `Access-Control-Request-Method`) itself, for any path, before any hook or handler; `close` adds the
 * CORS headers to every other response, error responses included, so a script can read a 4xx too.
 *
 * @example
 * ```ts
 * app.addRequestFeature(corsFeature(corsSettings({ origin: 'https://app.example' })));
 * ```
 */
export function corsFeature(settings: CorsSettings): CorsFeature {
  const preflights = new WeakSet<Response>();
  return {
    name: 'cors',
    open(c) {
      const headers = c.scope.headers;
      if (c.scope.method !== 'OPTIONS' || headerValue(headers, 'access-control-request-method') === null)
        return undefined;
      const origin = headerValue(headers, 'origin');
      if (origin === null) return undefined;
      const answer = (allowed: boolean): Response => {
        const response = preflightResponse(settings, c, origin, allowed);
        preflights.add(response);
        return response;
      };
      const allowed = originAllowed(settings, origin, c);
      return allowed instanceof Promise ? allowed.then(answer) : answer(allowed);
    },
    close(c, response) {
      if (preflights.has(response)) return;
      if (settings.origin !== '*') addVary(response, 'Origin');
      const origin = headerValue(c.scope.headers, 'origin');
      if (origin === null) return;
      const allowed = originAllowed(settings, origin, c);
      if (allowed instanceof Promise)
        return allowed.then((yes) => {
          if (yes) addResponseHeaders(settings, response, origin);
        });
      if (allowed) addResponseHeaders(settings, response, origin);
    },
  };
}

function originAllowed(settings: CorsSettings, origin: string, c: Context): boolean | Promise<boolean> {
  return settings.origin === '*' ? true : settings.origin(origin, c);
}

/** The headers every allowed cross-origin response carries, preflight or not. */
function addOriginHeaders(settings: CorsSettings, response: Response, origin: string): void {
  response.headers.set('access-control-allow-origin', settings.origin === '*' ? '*' : origin);
  if (settings.credentials) response.headers.set('access-control-allow-credentials', 'true');
}

function addResponseHeaders(settings: CorsSettings, response: Response, origin: string): void {
  addOriginHeaders(settings, response, origin);
  if (settings.exposedHeaders !== undefined)
    response.headers.set('access-control-expose-headers', settings.exposedHeaders);
}

/**
 * The answer to a preflight: 204, and for an allowed origin the methods and headers it may use. A
 * disallowed origin gets no CORS header at all (the browser then fails the preflight, as the Fetch
 * standard's CORS check says), nor does it reach a handler.
 */
function preflightResponse(settings: CorsSettings, c: Context, origin: string, allowed: boolean): Response {
  const response = new Response(null, { status: 204 });
  if (settings.origin !== '*') addVary(response, 'Origin');
  if (!allowed) return response;
  addOriginHeaders(settings, response, origin);
  response.headers.set('access-control-allow-methods', settings.methods);
  const headers = c.scope.headers;
  if (settings.allowedHeaders !== undefined) {
    response.headers.set('access-control-allow-headers', settings.allowedHeaders);
  } else {
    addVary(response, 'Access-Control-Request-Headers');
    const asked = headerValue(headers, 'access-control-request-headers');
    if (asked !== null && asked !== '') response.headers.set('access-control-allow-headers', asked);
  }
  if (settings.maxAge !== undefined) response.headers.set('access-control-max-age', settings.maxAge);
  if (
    settings.privateNetwork &&
    headerValue(headers, 'access-control-request-private-network')?.toLowerCase() === 'true'
  )
    response.headers.set('access-control-allow-private-network', 'true');
  return response;
}
