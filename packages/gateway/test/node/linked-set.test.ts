// The intrusive list behind the drain controller and the head-flush queue.
import { describe, expect, it } from 'vitest';
import { LinkedSet } from '../../src/node/linked-set.js';

describe('LinkedSet', () => {
  it('adds, deletes from any place and lists newest first', () => {
    const set = new LinkedSet<string>();
    const a = set.add('a');
    const b = set.add('b');
    const c = set.add('c');
    expect(set.values()).toEqual(['c', 'b', 'a']);
    expect(set.delete(b)).toBe(true);
    expect(set.values()).toEqual(['c', 'a']);
    expect(set.delete(c)).toBe(true);
    expect(set.delete(a)).toBe(true);
    expect(set.size).toBe(0);
    expect(set.values()).toEqual([]);
  });

  it('refuses a second delete of the same link, leaving the others in place', () => {
    const set = new LinkedSet<number>();
    const one = set.add(1);
    set.add(2);
    expect(set.delete(one)).toBe(true);
    expect(set.delete(one)).toBe(false);
    expect(set.size).toBe(1);
    expect(set.values()).toEqual([2]);
  });

  it('takeAll empties the set, and links taken that way no longer delete', () => {
    const set = new LinkedSet<number>();
    const links = [set.add(1), set.add(2), set.add(3)];
    expect(set.takeAll()).toEqual([3, 2, 1]);
    expect(set.size).toBe(0);
    for (const link of links) expect(set.delete(link)).toBe(false);
    set.add(4);
    expect(set.values()).toEqual([4]);
  });

  it('values() is a snapshot: members may leave while it is iterated', () => {
    const set = new LinkedSet<string>();
    const links = new Map(['x', 'y', 'z'].map((value) => [value, set.add(value)]));
    const seen: string[] = [];
    for (const value of set.values()) {
      seen.push(value);
      set.delete(links.get(value)!);
    }
    expect(seen).toEqual(['z', 'y', 'x']);
    expect(set.size).toBe(0);
  });
});
