// `@flagon/framework/security-headers`: the security headers plugin.
export type { ContentSecurityPolicyOptions, CspDirectives } from './content-security-policy.js';
export { DEFAULT_CSP_DIRECTIVES } from './content-security-policy.js';
export type { ReferrerPolicy, SecurityHeadersOptions, StrictTransportSecurityOptions } from './options.js';
export { securityHeaders } from './security-headers.js';
