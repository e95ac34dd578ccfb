/** How often a worker checks that its supervisor is still its parent. */
export const SUPERVISOR_CHECK_MS = 1_000;

/**
 * Calls `onGone` once when the supervisor that forked this worker is gone (killed outright, by SIGKILL
 * or the OOM killer): its IPC channel closed (`disconnect`), or this process was handed to another
 * parent (`process.ppid` changed), checked every `interval` ms from the worker's first line on, as
 * gunicorn's workers compare `os.getppid()` with the arbiter's pid. The poll is what makes it robust:
 * a `disconnect` that fires while the worker is still loading its app comes before anyone listens for
 * it, and Node 20 does not always report one. The timer never keeps the process alive. Returns a
 * function that stops watching.
 *
 * @example
 * ```ts
 * const stop = watchSupervisor(() => void server.drain().then(() => process.exit()));
 * ```
 */
export function watchSupervisor(onGone: () => void, interval = SUPERVISOR_CHECK_MS): () => void {
  const supervisor = process.ppid;
  let done = false;
  const gone = (): void => {
    if (done) return;
    stop();
    onGone();
  };
  const timer = setInterval(() => {
    if (process.ppid !== supervisor || (process.send !== undefined && !process.connected)) gone();
  }, interval);
  timer.unref();
  process.once('disconnect', gone);
  const stop = (): void => {
    done = true;
    clearInterval(timer);
    process.off('disconnect', gone);
  };
  return stop;
}
