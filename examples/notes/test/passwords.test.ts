import { expect, it } from 'vitest';
import { hashPassword, SCRYPT_COST, UNKNOWN_USER_HASH, verifyPassword } from '../passwords.js';

// Cheap enough for many runs; the stored hash carries its cost, so verification follows it.
const FAST = { N: 2 ** 10, r: 8, p: 1 };

it("hashes with OWASP's scrypt cost by default and a fresh salt each time", async () => {
  const stored = await hashPassword('correct horse battery staple');
  expect(stored).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
  expect(SCRYPT_COST).toEqual({ N: 32768, r: 8, p: 3 });
  expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
  const again = await hashPassword('correct horse battery staple', FAST);
  expect(again.split('$')[4]).not.toBe(stored.split('$')[4]);
});

it('accepts the password only, Unicode compared in its normal form', async () => {
  const stored = await hashPassword('Ångström', FAST);
  expect(await verifyPassword('Ångström', stored)).toBe(true);
  expect(await verifyPassword('A\u030angstro\u0308m', stored)).toBe(true); // the same letters, decomposed
  expect(await verifyPassword('angstrom', stored)).toBe(false);
  expect(await verifyPassword('', stored)).toBe(false);
});

it('never matches a malformed or tampered hash, nor the stand-in for unknown users', async () => {
  const stored = await hashPassword('secret', FAST);
  const parts = stored.split('$');
  const tamperedKey = [...parts.slice(0, 5), `${parts[5]!.slice(0, -2)}AA`].join('$');
  for (const bad of ['', 'secret', 'bcrypt$1$2$3$x$y', parts.slice(0, 5).join('$'), tamperedKey]) {
    expect(await verifyPassword('secret', bad)).toBe(false);
  }
  expect(await verifyPassword('secret', stored.replace('$1024$', '$1000$'))).toBe(false); // N not a power of 2
  expect(await verifyPassword('', UNKNOWN_USER_HASH)).toBe(false);
});
