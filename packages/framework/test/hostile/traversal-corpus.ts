// Path-traversal targets, as data: each tries to reach `secret.txt`, which sits beside the served
// directory `public/` (so `public/../secret.txt` is the prize), by some spelling of `..` or of a root.
// `traversalTargets` is the project's own list (written with the framework's file responses, commit
// 6cf276f, from no published source); `publishedTraversalTargets` below follows published word lists.

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

// The spellings of `../` in published path-traversal word lists: SecLists' Fuzzing/LFI/LFI-Jhaddix.txt
// (github.com/danielmiessler/SecLists, MIT) and the "dots × slashes × depth" generation of dotdotpwn
// (github.com/wireghoul/dotdotpwn). Rather than their targets (/etc/passwd on some other machine), each
// spelling is aimed at files this test planted, so a leak shows as the planted secret in the body.
const CLIMBS = [
  '../',
  '..%2f',
  '..%2F',
  '%2e%2e/',
  '%2e%2e%2f',
  '%2E%2E%2F',
  '.%2e/',
  '%2e./',
  '%252e%252e%252f', // double-encoded
  '..%252f',
  '..\\',
  '..%5c',
  '..%5C',
  '%2e%2e%5c',
  '..%255c',
  '%25%5c..%25%5c', // SecLists' `%25%5c..` runs
  '....//', // survives a one-pass `../` strip
  '....\\/',
  '..//',
  '.\\\\./',
  '..%c0%af', // overlong UTF-8 `/`
  '%c0%ae%c0%ae/', // overlong UTF-8 `.`
  '..%u2216', // IIS %u escape
  '..%00/',
  '..%0d%0a/',
];

// Endings the lists add to defeat an extension check, or to cut the name short in C.
const ENDINGS = ['', '%00', '%00.css', '.', '/', ';.css'];

// Absolute names, POSIX and Windows, from the same lists.
const ABSOLUTES = [
  '/etc/passwd',
  '%2fetc%2fpasswd',
  '%252fetc%252fpasswd',
  '\\etc\\passwd',
  '%5cetc%5cpasswd',
  'C:/Windows/win.ini',
  'C:\\Windows\\win.ini',
  'C:%5cWindows%5cwin.ini',
  'c:WINDOWS/system32/',
  '/C:/inetpub/wwwroot/global.asa',
  '\\\\server\\share\\secret.txt', // UNC
  '%5c%5cserver%5cshare%5csecret.txt',
  'file:///etc/passwd',
];

/**
 * Request targets under `prefix` from the published lists' spellings: `../` spelled every way, 1 to
 * `depth` times, each aimed at `file` (which the test plants that many folders above the served one),
 * with each ending; plus absolute names. A few hundred targets.
 */
export function publishedTraversalTargets(prefix: string, file: string, depth = 2): string[] {
  const targets = new Set<string>();
  for (const climb of CLIMBS) {
    for (let times = 1; times <= depth; times++) {
      for (const ending of ENDINGS) targets.add(`${prefix}/${climb.repeat(times)}${file}${ending}`);
    }
    targets.add(`${prefix}/css/${climb.repeat(depth + 1)}${file}`); // from a subfolder
  }
  for (const absolute of ABSOLUTES) targets.add(`${prefix}/${absolute}`);
  return [...targets];
}
