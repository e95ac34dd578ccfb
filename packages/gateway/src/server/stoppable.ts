/**
 * What the process-level handlers (signals, faults) need of a server: a way to stop it and to hear that
 * it stopped. `RunningServer` is one; kept apart so those handlers do not import `serve` back.
 */
export interface StoppableServer {
  /** Stops gracefully; calling it again returns the same promise. */
  drain(): Promise<void>;
  /** Settles like `drain()` once the server has stopped. */
  readonly closed: Promise<void>;
}
