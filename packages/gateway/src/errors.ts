import type { DisconnectReason } from './types.js';

/** The error `send` rejects with once the client is gone; apps and servers tell it apart by `code`. */
export class ClientDisconnectedError extends Error {
  readonly code = 'ERR_CLIENT_DISCONNECTED';
  constructor(readonly reason: DisconnectReason = 'client-closed') {
    super(`client disconnected (${reason})`);
    this.name = 'ClientDisconnectedError';
  }
}

/** True for the error `send` rejects with after a disconnect (from any copy of this package). */
export function isClientDisconnected(error: unknown): error is ClientDisconnectedError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'ERR_CLIENT_DISCONNECTED'
  );
}

/** Lifespan startup failed: the app said so (`lifespan.startup.failed`) or threw after starting it. */
export class LifespanStartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LifespanStartupError';
  }
}

/** Lifespan shutdown failed: the app said so (`lifespan.shutdown.failed`) or threw during it. */
export class LifespanShutdownError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LifespanShutdownError';
  }
}
