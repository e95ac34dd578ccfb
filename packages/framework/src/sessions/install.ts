import type { Config } from '../config.js';
import { csrfFeature } from '../csrf/csrf-feature.js';
import type { FeatureContext } from '../features/feature-context.js';
import type { ContextProcessor, RequestFeature } from '../features/request-feature.js';
import type { SessionSettings } from './load-session.js';
import { defineSessionConfig } from './session-config.js';
import { sessionFeature } from './session-feature.js';
import { sessionTemplateGlobals } from './template-globals.js';

/** What of the app sessions hook into. */
interface SessionHost {
  addRequestFeature(feature: RequestFeature<FeatureContext>): unknown;
  hasRequestFeature(name: string): boolean;
  contextProcessor(processor: ContextProcessor<FeatureContext>): unknown;
}

/**
 * Gives a new app its session settings (`SECRET_KEY` & co. in `config`) and turns sessions, CSRF
 * protection and their template names on once it has a `SECRET_KEY` (or a session store): at once, or
 * when the key is set later (`app.config.SECRET_KEY = ...`, `fromEnv`). An app without either pays
 * nothing per request.
 *
 * @example
 * ```ts
 * setUpSessions(app, config, { store: undefined, schema: undefined });
 * ```
 */
export function setUpSessions(app: SessionHost, config: Config, settings: SessionSettings): void {
  const install = (): void => {
    if (app.hasRequestFeature('sessions')) return;
    app.addRequestFeature(sessionFeature(settings));
    app.addRequestFeature(csrfFeature);
    app.contextProcessor(sessionTemplateGlobals);
  };
  defineSessionConfig(config, install);
  if (settings.store !== undefined) install();
}
