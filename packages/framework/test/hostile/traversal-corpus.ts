// Path-traversal targets, as data: each tries to reach `secret.txt`, which sits beside the served
// directory `public/` (so `public/../secret.txt` is the prize), by some spelling of `..` or of a root.

/** Request targets under `prefix` that try to climb out of the directory it serves. */
export function traversalTargets(prefix: string): string[] {
  return [
    `${prefix}/../secret.txt`,
    `${prefix}/..%2fsecret.txt`,
    `${prefix}/..%2Fsecret.txt`,
    `${prefix}/%2e%2e%2fsecret.txt`,
    `${prefix}/%2e%2e/secret.txt`,
    `${prefix}/.%2e/secret.txt`,
    `${prefix}/%252e%252e%252fsecret.txt`, // double-encoded: one decode leaves `%2e%2e%2f`
    `${prefix}/..%255csecret.txt`,
    `${prefix}/..%5csecret.txt`,
    `${prefix}/..\\secret.txt`,
    `${prefix}/..`,
    `${prefix}/%2e%2e`,
    `${prefix}/.`,
    `${prefix}/hello.txt%00.png`,
    `${prefix}/%00`,
    `${prefix}/..%00/secret.txt`,
    `${prefix}/%2fetc%2fpasswd`,
    `${prefix}//etc/passwd`,
    `${prefix}/%c0%ae%c0%ae/secret.txt`, // overlong UTF-8 for `.`: not valid UTF-8, never decoded to a dot
    `${prefix}/..%c0%afsecret.txt`,
    `${prefix}/....//secret.txt`,
  ];
}
