/** The test client: call any gateway app in memory, as an HTTP client would. */

export type { CookieJarSetOptions, StoredCookie } from './cookie-jar.js';
export { CookieJar } from './cookie-jar.js';
export { csrfTokenFrom } from './csrf-token.js';
export type { TestParams, TestParamValue, TestRequestInit } from './request-init.js';
export type { TestClient, TestClientOptions, TestRequestInitNoBody } from './test-client.js';
export { createTestClient } from './test-client.js';
export { TestResponse } from './test-response.js';
