import type { App } from '@flagon/gateway';
import type { ServerUnderTest } from '@flagon/gateway/conformance';

/** One way of serving a gateway app, as the matrix runs it: started in the runtime's own process. */
export interface Host {
  /** How the docs call it, e.g. `Bun.serve(toFetchHandler(app))`. */
  readonly name: string;
  /** Whether the app sees Fetch `Request`s, with the limits the spec allows Fetch hosts. */
  readonly fetchHost: boolean;
  /** Listens on 127.0.0.1 on a free port, serving `app` (its lifespan started first, where it has one). */
  start(app: App): Promise<ServerUnderTest>;
}

/** Formats a listening address as the URL the kit's clients use. */
export function urlOf(hostname: string, port: number): string {
  return `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
}
