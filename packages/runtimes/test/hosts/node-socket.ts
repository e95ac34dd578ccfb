import type { Address, FetchHandlerOptions } from '@flagon/gateway';

/** What a Node request (`IncomingMessage`, or HTTP/2's compatibility request) tells about its connection. */
interface NodeRequestLike {
  readonly httpVersion: string;
  readonly socket: {
    readonly remoteAddress?: string | undefined;
    readonly remotePort?: number | undefined;
    readonly localAddress?: string | undefined;
    readonly localPort?: number | undefined;
  };
}

/**
 * The connection readers of `toFetchHandler` for a Node host that hands over the `IncomingMessage`
 * behind each Request (@hono/node-server's `env.incoming`, srvx's `request.runtime.node.req`): the
 * peer, the local address and the HTTP version, as the Node bridge reports them.
 */
export function nodeConnection<C>(
  incomingOf: (request: Request, context: C | undefined) => NodeRequestLike | undefined,
): Pick<FetchHandlerOptions<C>, 'getClient' | 'server' | 'getHttpVersion'> {
  const address = (host: string | undefined, port: number | undefined): Address | null =>
    host === undefined ? null : { host, port: port ?? null };
  return {
    getClient: (request, context) => {
      const socket = incomingOf(request, context)?.socket;
      return address(socket?.remoteAddress, socket?.remotePort);
    },
    server: (request, context) => {
      const socket = incomingOf(request, context)?.socket;
      return address(socket?.localAddress, socket?.localPort);
    },
    getHttpVersion: (request, context) => incomingOf(request, context)?.httpVersion ?? null,
  };
}
