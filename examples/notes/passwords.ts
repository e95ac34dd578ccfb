// Password hashing with scrypt from node:crypto: memory-hard, in Node, Bun and Deno alike, and no native
// addon to build or download (Argon2 would need one).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** scrypt's cost parameters: CPU/memory cost `N` (a power of two), block size `r`, parallelism `p`. */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt setting with 32 MiB of memory per hash (N=2^15, r=8, p=3). */
export const SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

/**
 * A self-describing hash of `password`: `scrypt$N$r$p$salt$key` (base64url), with a fresh random salt,
 * so the cost can rise later without breaking the hashes already stored. Tests may pass a lower `cost`
 * to run fast; verification reads the cost from the hash.
 *
 * @example
 * ```ts
 * const stored = await hashPassword('correct horse'); // 'scrypt$32768$8$3$...'
 * ```
 */
export async function hashPassword(password: string, cost: ScryptCost = SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, cost, KEY_LENGTH);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Whether `password` matches `stored` (from {@link hashPassword}), compared in constant time. A
 * malformed `stored` never matches.
 *
 * @example
 * ```ts
 * if (!(await verifyPassword(form.password, user.password_hash))) return 'wrong name or password';
 * ```
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (![N, r, p].every(Number.isSafeInteger) || expected.length === 0) return false;
  try {
    const actual = await derive(password, salt, { N, r, p }, expected.length);
    return timingSafeEqual(actual, expected);
  } catch {
    return false; // a cost scrypt refuses (N not a power of two...): not a hash this module wrote
  }
}

/** A hash of nothing anyone types, checked when no user has the name, so log-in takes as long either way. */
export const UNKNOWN_USER_HASH = `scrypt$${SCRYPT_COST.N}$${SCRYPT_COST.r}$${SCRYPT_COST.p}$${'A'.repeat(22)}$${'A'.repeat(43)}`;

function derive(password: string, salt: Buffer, cost: ScryptCost, length: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly that, so leave headroom.
  return scryptAsync(password.normalize('NFKC'), salt, length, { ...cost, maxmem: 256 * cost.N * cost.r });
}
