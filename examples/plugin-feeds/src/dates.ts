// The three date formats the formats ask for, from one `Date`, always in UTC.

/**
 * `date` checked: a `Date` holding a time, else a `TypeError` naming `what`.
 *
 * @example
 * ```ts
 * validDate(new Date('nope'), 'item "A" updated'); // throws TypeError
 * ```
 */
export function validDate(date: unknown, what: string): Date {
  if (!(date instanceof Date) || Number.isNaN(date.getTime()))
    throw new TypeError(`feeds: ${what} must be a valid Date, got ${String(date)}`);
  return date;
}

/**
 * RFC 3339 (Atom) and W3C Datetime (sitemaps): `2026-12-07T20:33:31Z`, to the second.
 *
 * @example
 * ```ts
 * rfc3339(new Date(Date.UTC(2026, 11, 7, 20, 33, 31, 500))); // '2026-12-07T20:33:31Z'
 * ```
 */
export function rfc3339(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * RFC 822 as RSS 2.0 wants it (with the four-digit year of RFC 1123): `Mon, 07 Dec 2026 20:33:31 GMT`.
 * The same form as HTTP's `Last-Modified`.
 *
 * @example
 * ```ts
 * rfc822(new Date(Date.UTC(2026, 11, 7, 20, 33, 31))); // 'Mon, 07 Dec 2026 20:33:31 GMT'
 * ```
 */
export function rfc822(date: Date): string {
  return date.toUTCString();
}

/**
 * The latest of `dates`, `undefined` for none.
 *
 * @example
 * ```ts
 * latest([new Date(1), new Date(3), new Date(2)]); // new Date(3)
 * ```
 */
export function latest(dates: Iterable<Date | undefined>): Date | undefined {
  let found: Date | undefined;
  for (const date of dates) if (date !== undefined && (found === undefined || date > found)) found = date;
  return found;
}
