// Note ids in URLs: checked before any query, so a malformed one is a 404 like a missing note.
import { abort } from '@flagon/framework';

/** The id in a note URL, or a 404: ids are positive 32-bit integers, as the `serial` column makes them. */
export function noteIdOf(raw: string): number {
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : 0;
  if (id === 0 || id > 2 ** 31 - 1) abort(404);
  return id;
}
