/**
 * True when `a` and `b` are the same string, in a time that depends only on their lengths, not on where
 * they first differ: a secret (a CSRF token, a signature) compared with `===` leaks, through timing, how
 * many of its leading characters an attacker already guessed.
 *
 * @example
 * ```ts
 * constantTimeEqual(submitted, expected); // true or false, in the same time for any mismatch position
 * ```
 */
export function constantTimeEqual(a: string, b: string): boolean {
  // The lengths of tokens and signatures are public (fixed by their format), so this early exit leaks nothing.
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
