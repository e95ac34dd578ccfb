// What every transport's lazy `http` scope shares: the gateway info it carries and how it asks for its
// signals. Apart from node/, so the Fetch and memory paths (Bun, Deno) depend on no Node bridge file.
import type { GatewayInfo } from './types.js';
import { SPEC_VERSION } from './types.js';

/** The two signals of a request, created by the exchange only when the app asks for them. */
export interface ScopeSignals {
  clientSignal(): AbortSignal;
  drainSignal(): AbortSignal;
}

/** `scope.gateway` of every scope this package makes: one frozen object, not one per request. */
export const GATEWAY_INFO: GatewayInfo = Object.freeze({ version: SPEC_VERSION });
