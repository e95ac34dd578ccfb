import type { ConformanceCheck } from '../types.js';
import { DISCONNECT_CHECKS } from './disconnect.js';
import { DRAIN_CHECKS } from './drain.js';
import { ERROR_CHECKS } from './errors.js';
import { EXTENSION_CHECKS } from './extensions.js';
import { FRAMING_CHECKS } from './framing.js';
import { LIFESPAN_CHECKS } from './lifespan.js';
import { REQUEST_BODY_CHECKS } from './request-body.js';
import { RESPONSE_CHECKS } from './response.js';
import { SCOPE_CHECKS } from './scope.js';

/** Every check of the kit, in the order the spec tells its rules. */
export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = [
  ...SCOPE_CHECKS,
  ...REQUEST_BODY_CHECKS,
  ...RESPONSE_CHECKS,
  ...FRAMING_CHECKS,
  ...DISCONNECT_CHECKS,
  ...DRAIN_CHECKS,
  ...ERROR_CHECKS,
  ...LIFESPAN_CHECKS,
  ...EXTENSION_CHECKS,
];
