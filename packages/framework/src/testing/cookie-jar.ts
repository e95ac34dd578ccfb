/** One stored cookie, as the jar keeps it after parsing a `Set-Cookie` line (RFC 6265 §5.2–5.3). */
export interface StoredCookie {
  readonly name: string;
  readonly value: string;
  /** The host the cookie goes to (without port). */
  readonly domain: string;
  /** True when the cookie had no `Domain` attribute: it goes to that exact host only, not subdomains. */
  readonly hostOnly: boolean;
  readonly path: string;
  /** Epoch milliseconds after which the cookie is gone; `null` for a session cookie. */
  readonly expires: number | null;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly sameSite: string | null;
}

/** What {@link CookieJar.set} accepts besides the name and value. */
export interface CookieJarSetOptions {
  /**
   * The domain the cookie is for, which widens it to subdomains as a `Domain` attribute does (a leading
   * `.` is ignored); without it the cookie goes to the jar's host only.
   */
  domain?: string;
  /** Defaults to `/`. */
  path?: string;
  /** Epoch milliseconds; omitted for a session cookie. */
  expires?: number;
  secure?: boolean;
}

/**
 * A browser-like cookie store for the test client: it stores what responses set (`Path`, `Domain`,
 * `Max-Age`, `Expires` and `Secure` honoured) and picks the cookies each request URL should carry. As in
 * browsers (RFC 6265bis), a `Secure` cookie received over `http:` is ignored, and a `Domain` never widens
 * a cookie set by an IP address.
 *
 * @example
 * ```ts
 * const jar = new CookieJar();
 * jar.store(new URL('http://testserver/login'), ['sid=abc; Path=/; HttpOnly']);
 * jar.header(new URL('http://testserver/account')); // 'sid=abc'
 * ```
 */
export class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>();
  readonly #now: () => number;
  readonly #defaultHost: string;

  /** `now` is the clock expiry is judged by; `host` is the domain {@link CookieJar.set} defaults to. */
  constructor(options: { now?: () => number; host?: string } = {}) {
    this.#now = options.now ?? Date.now;
    this.#defaultHost = options.host ?? 'testserver';
  }

  /**
   * Stores the cookies of `Set-Cookie` lines received in a response to `url`. Lines the jar must
   * ignore (no `=`, a `Domain` the host does not belong to, `Secure` over `http:`) are skipped; an
   * expired one deletes.
   */
  store(url: URL, setCookieLines: Iterable<string>): void {
    for (const line of setCookieLines) {
      const cookie = parseSetCookie(line, url, this.#now());
      if (!cookie) continue;
      const key = keyOf(cookie);
      if (cookie.expires !== null && cookie.expires <= this.#now()) this.#cookies.delete(key);
      else this.#cookies.set(key, cookie);
    }
  }

  /** The `Cookie` header value a request to `url` carries, or `null` when no cookie applies. */
  header(url: URL): string | null {
    const matching = this.matching(url);
    return matching.length === 0 ? null : matching.map((c) => `${c.name}=${c.value}`).join('; ');
  }

  /** The live cookies a request to `url` carries, longest path first (the order browsers send). */
  matching(url: URL): StoredCookie[] {
    const host = url.hostname.toLowerCase();
    const secure = isSecure(url);
    return this.all()
      .filter(
        (c) => domainMatches(host, c) && pathMatches(url.pathname || '/', c.path) && (secure || !c.secure),
      )
      .sort((a, b) => b.path.length - a.path.length);
  }

  /** Every live cookie, in the order they were first stored; expired ones are dropped on the way. */
  all(): StoredCookie[] {
    const now = this.#now();
    for (const [key, cookie] of this.#cookies) {
      if (cookie.expires !== null && cookie.expires <= now) this.#cookies.delete(key);
    }
    return [...this.#cookies.values()];
  }

  /** The value of the live cookie called `name` (the most specific one when several paths hold it). */
  get(name: string): string | undefined {
    return this.all()
      .filter((c) => c.name === name)
      .sort((a, b) => b.path.length - a.path.length)[0]?.value;
  }

  /** Puts a cookie in the jar by hand, as if a response had set it (a session cookie by default). */
  set(name: string, value: string, options: CookieJarSetOptions = {}): void {
    const cookie: StoredCookie = {
      name,
      value,
      // A leading dot is ignored, as in a `Domain` attribute (RFC 6265 §5.2.3).
      domain: (options.domain?.replace(/^\./, '') ?? this.#defaultHost).toLowerCase(),
      hostOnly: options.domain === undefined,
      path: options.path ?? '/',
      expires: options.expires ?? null,
      secure: options.secure ?? false,
      httpOnly: false,
      sameSite: null,
    };
    this.#cookies.set(keyOf(cookie), cookie);
  }

  /** Removes every cookie called `name` (whatever its domain and path). */
  delete(name: string): void {
    for (const [key, cookie] of this.#cookies) if (cookie.name === name) this.#cookies.delete(key);
  }

  /** Empties the jar. */
  clear(): void {
    this.#cookies.clear();
  }
}

function keyOf(cookie: StoredCookie): string {
  return `${cookie.domain};${cookie.path};${cookie.name}`;
}

/** Parses one `Set-Cookie` line received from `url` (RFC 6265 §5.2); `null` when it must be ignored. */
function parseSetCookie(line: string, url: URL, now: number): StoredCookie | null {
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  if (eq < 0) return null;
  const name = pair.slice(0, eq).trim();
  if (name === '') return null;
  const host = url.hostname.toLowerCase();
  let domain: string | null = null;
  let path: string | null = null;
  let maxAge: number | null = null;
  let expires: number | null = null;
  let secure = false;
  let httpOnly = false;
  let sameSite: string | null = null;
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const value = at < 0 ? '' : attribute.slice(at + 1).trim();
    if (key === 'domain' && value !== '') domain = value.replace(/^\./, '').toLowerCase();
    else if (key === 'path') path = value.startsWith('/') ? value : null;
    else if (key === 'max-age' && /^-?\d+$/.test(value)) maxAge = Number(value);
    else if (key === 'expires' && !Number.isNaN(Date.parse(value))) expires = Date.parse(value);
    else if (key === 'secure') secure = true;
    else if (key === 'httponly') httpOnly = true;
    else if (key === 'samesite') sameSite = value;
  }
  // Only a secure origin may set a Secure cookie (RFC 6265bis §5.7), as browsers have it.
  if (secure && !isSecure(url)) return null;
  // A server may only widen a cookie to a domain it belongs to; an IP address has no subdomains, so its
  // own address as `Domain` keeps the cookie host-only (as in Chrome) and any other is refused.
  if (domain !== null && host !== domain && (isIpAddress(host) || !host.endsWith(`.${domain}`))) return null;
  const hostOnly = domain === null || isIpAddress(host);
  return {
    name,
    value: pair.slice(eq + 1).trim(),
    domain: domain ?? host,
    hostOnly,
    path: path ?? defaultPath(url.pathname),
    // Max-Age wins over Expires (§5.3 step 3); zero or less means "already expired".
    expires: maxAge !== null ? now + maxAge * 1000 : expires,
    secure,
    httpOnly,
    sameSite,
  };
}

/** The directory of the request path (RFC 6265 §5.1.4), the path a cookie without `Path` gets. */
function defaultPath(requestPath: string): string {
  const slash = requestPath.lastIndexOf('/');
  return slash <= 0 ? '/' : requestPath.slice(0, slash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/** RFC 6265bis §5.1.3: the host itself, or a subdomain of a `Domain` cookie's domain; never for an IP. */
function domainMatches(host: string, cookie: StoredCookie): boolean {
  if (host === cookie.domain) return true;
  return !cookie.hostOnly && !isIpAddress(host) && host.endsWith(`.${cookie.domain}`);
}

function isSecure(url: URL): boolean {
  return url.protocol === 'https:';
}

/** True for an IPv4 or IPv6 host, as a WHATWG `URL` writes its hostname (dotted quad, or in brackets). */
function isIpAddress(hostname: string): boolean {
  return hostname.startsWith('[') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(hostname);
}
