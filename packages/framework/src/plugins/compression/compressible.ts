// Types worth compressing: text, and the structured formats that are text underneath. Images (but SVG),
// audio, video, archives and fonts in woff/woff2 are compressed already: a second pass only costs CPU.
const TEXT_LIKE =
  /^(?:text\/|application\/(?:json|javascript|ecmascript|xml|wasm|x-javascript|graphql|ld\+json|manifest\+json|x-www-form-urlencoded)$|image\/svg\+xml$|font\/(?:ttf|otf)$)|\+(?:json|xml|text)$/;

/**
 * True when a response of `contentType` is worth compressing: `text/*`, JSON, JavaScript, XML, SVG,
 * WebAssembly and any `+json`/`+xml` type; false for images, archives, media and a missing type.
 *
 * @example
 * ```ts
 * isCompressible('application/json; charset=utf-8'); // true
 * isCompressible('image/png'); // false
 * ```
 */
export function isCompressible(contentType: string | null): boolean {
  if (contentType === null) return false;
  const semicolon = contentType.indexOf(';');
  const essence = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return TEXT_LIKE.test(essence);
}
