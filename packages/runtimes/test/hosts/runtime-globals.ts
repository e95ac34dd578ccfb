// The few parts of Bun's and Deno's globals the hosts use, typed here so the repository needs neither
// runtime's type package.

/** The server `Bun.serve` returns and passes to `fetch` as its second argument. */
export interface BunServer {
  readonly port: number;
  readonly hostname: string;
  requestIP(request: Request): { address: string; port: number } | null;
  stop(closeActiveConnections?: boolean): Promise<void>;
}

interface BunGlobal {
  serve(options: {
    hostname: string;
    port: number;
    fetch(request: Request, server: BunServer): Response | Promise<Response>;
  }): BunServer;
}

/** What `Deno.serve` passes to its handler as its second argument. */
export interface DenoServeHandlerInfo {
  readonly remoteAddr: { readonly hostname: string; readonly port: number };
}

/** The server `Deno.serve` returns. */
export interface DenoHttpServer {
  readonly addr: { readonly hostname: string; readonly port: number };
  readonly finished: Promise<void>;
  shutdown(): Promise<void>;
}

interface DenoGlobal {
  serve(
    options: { hostname: string; port: number; onListen?(address: unknown): void; signal?: AbortSignal },
    handler: (request: Request, info: DenoServeHandlerInfo) => Response | Promise<Response>,
  ): DenoHttpServer;
}

/** `Bun`, or a clear error outside Bun. */
export function bunGlobal(): BunGlobal {
  const bun = (globalThis as { Bun?: BunGlobal }).Bun;
  if (!bun) throw new Error('Bun.serve needs Bun: run this under bun');
  return bun;
}

/** `Deno`, or a clear error outside Deno. */
export function denoGlobal(): DenoGlobal {
  const deno = (globalThis as { Deno?: DenoGlobal }).Deno;
  if (!deno) throw new Error('Deno.serve needs Deno: run this under deno');
  return deno;
}
