/** A member's place in a {@link LinkedSet}: keep it to remove the member in O(1). */
export class Link<T> {
  prev: Link<T> | null = null;
  next: Link<T> | null = null;
  constructor(readonly value: T) {}
}

/**
 * An intrusive doubly linked list: O(1) add and delete with one small allocation per member.
 *
 * The bridge keeps per-request bookkeeping in these rather than in a Map or Set. With ~1,000 requests
 * in flight, a hash table taking an insert and a delete per request kept reallocating its backing store
 * (measured: the bridge with a Map-based drain controller ran at ~0.7x of the bridge without one).
 *
 * @example
 * ```ts
 * const inFlight = new LinkedSet<string>();
 * const link = inFlight.add('GET /');
 * inFlight.delete(link); // true; a second delete returns false
 * ```
 */
export class LinkedSet<T> {
  #head: Link<T> | null = null;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Adds `value`; the returned link is what {@link LinkedSet.delete} takes. */
  add(value: T): Link<T> {
    const link = new Link(value);
    const head = this.#head;
    if (head !== null) {
      head.prev = link;
      link.next = head;
    }
    this.#head = link;
    this.#size++;
    return link;
  }

  /** Takes `link` out; false when it was not in (or had left already). */
  delete(link: Link<T>): boolean {
    const { prev, next } = link;
    if (prev === null && this.#head !== link) return false;
    if (prev === null) this.#head = next;
    else prev.next = next;
    if (next !== null) next.prev = prev;
    link.prev = null;
    link.next = null;
    this.#size--;
    return true;
  }

  /** The members, newest first, as an array: safe to iterate while they leave. */
  values(): T[] {
    const values: T[] = [];
    for (let link = this.#head; link !== null; link = link.next) values.push(link.value);
    return values;
  }

  /** Empties the set and returns what it held, newest first. */
  takeAll(): T[] {
    const values = this.values();
    for (let link = this.#head; link !== null; ) {
      const next = link.next;
      link.prev = null;
      link.next = null;
      link = next;
    }
    this.#head = null;
    this.#size = 0;
    return values;
  }
}
