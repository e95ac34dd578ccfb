import type { Context } from '../context.js';
import type { AppEnv, Input } from '../types.js';

/** The context the framework's own features (sessions, CSRF) see: any route's, whatever the app's types. */
export type FeatureContext = Context<Input, AppEnv>;
