import type { App, Extensions } from '../types.js';
import type { GatewayValidationError } from '../validate/error.js';
import { validate } from '../validate/validate.js';
import { CheckClient } from './client.js';
import { Mailbox } from './mailbox.js';
import type {
  CheckContext,
  CheckResult,
  ConformanceCheck,
  ConformanceOptions,
  ConformanceTarget,
  ServerUnderTest,
} from './types.js';

// Under the 5 s default test timeout of vitest and jest, so a stuck check fails with its own message.
export const DEFAULT_CHECK_TIMEOUT = 4_000;
// A server that cannot close within this long is reported, not waited on forever.
const CLOSE_TIMEOUT = 5_000;

/** Thrown by `context.skip()`; ends a check as skipped rather than failed. */
class CheckSkipped extends Error {}
/** Thrown by `context.limit()`; ends a check as limited rather than failed. */
class CheckLimited extends Error {}

/**
 * Runs one check against a server: starts it with the check's app (under `validate()` unless the check
 * opts out), runs the client interaction within the time limit, closes everything it opened, and says
 * whether the rule held. Never rejects.
 *
 * @example
 * ```ts
 * const result = await runCheck(check, { startServer }, { timeout: 5_000 });
 * if (result.status === 'failed') console.error(result.id, result.message);
 * ```
 */
export async function runCheck(
  check: ConformanceCheck,
  target: ConformanceTarget,
  options: Pick<ConformanceOptions, 'timeout'> = {},
): Promise<CheckResult> {
  const timeout = options.timeout ?? DEFAULT_CHECK_TIMEOUT;
  const controller = new AbortController();
  const mailbox = new Mailbox();
  const client = new CheckClient(controller.signal);
  const running = new Set<ServerUnderTest>();
  const cleanups: Array<() => unknown> = [];
  const serverViolations: GatewayValidationError[] = [];
  let skipReason: string | undefined;

  const skip = (reason: string): never => {
    skipReason ??= reason;
    mailbox.close(new CheckSkipped(reason));
    throw new CheckSkipped(reason);
  };
  const app = appUnderTest(check, mailbox, {
    onServerViolation: (error) => serverViolations.push(error),
    onMissingExtension: (name) => {
      skipReason ??= `the server does not offer the ${name} extension`;
      mailbox.close(new CheckSkipped(skipReason));
    },
  });
  const fetchHost = target.fetchHost === true;
  const context: CheckContext = {
    mailbox,
    client,
    signal: controller.signal,
    skip,
    fetchHost,
    limit: (reason) => {
      if (!fetchHost) throw new Error(`limit() called for a server that is not a Fetch host: ${reason}`);
      throw new CheckLimited(`limit of Fetch hosts: ${reason}`);
    },
    defer: (cleanup) => cleanups.push(cleanup),
    async start() {
      const server = await target.startServer(app);
      running.add(server);
      if (check.requires?.drain && typeof server.drain !== 'function') skip('the server has no drain()');
      return stoppedByCheck(server, () => running.delete(server));
    },
  };

  let failure: unknown;
  const timer = setTimeout(() => {
    const waiting = mailbox.pendingKeys.map((key) => `"${key}"`).join(', ');
    const reason = new Error(`timed out after ${timeout} ms${waiting ? ` waiting for ${waiting}` : ''}`);
    mailbox.close(reason);
    controller.abort(reason);
  }, timeout);
  try {
    const interaction = Promise.resolve().then(() => check.interact(context));
    interaction.catch(() => {}); // after a timeout it may still reject; the race already reported it
    await Promise.race([interaction, rejectOnAbort(controller.signal)]);
  } catch (error) {
    failure = error;
  } finally {
    clearTimeout(timer);
  }

  mailbox.close(new Error('the check is over'));
  client.closeAll();
  const closeFailure = await closeServers([...running]);
  await Promise.allSettled(cleanups.map((cleanup) => Promise.resolve().then(cleanup)));

  const result = (status: CheckResult['status'], message: string): CheckResult => ({
    id: check.id,
    spec: check.spec,
    rule: check.rule,
    status,
    message,
  });
  if (skipReason !== undefined) return result('skipped', skipReason);
  const violation = serverViolations[0];
  if (violation) return result('failed', violation.message);
  if (failure !== undefined && !(failure instanceof CheckLimited))
    return result('failed', describeFailure(failure));
  if (closeFailure) return result('failed', closeFailure);
  if (failure instanceof CheckLimited) return result('limited', failure.message);
  return result('passed', check.rule);
}

/** The app the server runs for `check`: linted unless the check opts out, and gated on its extension. */
function appUnderTest(
  check: ConformanceCheck,
  mailbox: Mailbox,
  hooks: {
    onServerViolation(error: GatewayValidationError): void;
    onMissingExtension(name: keyof Extensions): void;
  },
): App {
  const inner = check.app(mailbox);
  const app =
    check.validate === false
      ? inner
      : validate(inner, {
          onViolation: (error) => {
            if (error.by === 'server') hooks.onServerViolation(error);
          },
        });
  const extension = check.requires?.extension;
  if (extension === undefined) return app;
  return async (scope, receive, send) => {
    if (scope.type !== 'http' || scope.extensions[extension] !== undefined) return app(scope, receive, send);
    hooks.onMissingExtension(extension);
    await send({ type: 'http.response.start', status: 501, headers: [['content-type', 'text/plain']] });
    await send({ type: 'http.response.body', body: `this server does not offer the ${extension} extension` });
  };
}

/** The server as a check sees it: once the check stops it itself, the runner leaves it alone. */
function stoppedByCheck(server: ServerUnderTest, forget: () => void): ServerUnderTest {
  const { drain } = server;
  return {
    url: server.url,
    close() {
      forget();
      return server.close();
    },
    drain:
      drain &&
      (() => {
        forget();
        return drain.call(server);
      }),
  };
}

async function closeServers(servers: readonly ServerUnderTest[]): Promise<string | undefined> {
  const outcomes = await Promise.all(
    servers.map((server) =>
      Promise.race([
        server.close().then(
          () => undefined,
          (error: unknown) => `close() failed: ${describeFailure(error)}`,
        ),
        new Promise<string>((resolve) =>
          setTimeout(resolve, CLOSE_TIMEOUT, `close() did not finish within ${CLOSE_TIMEOUT} ms`).unref(),
        ),
      ]),
    ),
  );
  return outcomes.find((outcome) => outcome !== undefined);
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
