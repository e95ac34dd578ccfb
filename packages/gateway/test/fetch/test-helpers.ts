// What the toFetchHandler tests share: a silent logger, waiting a few turns, and a gate to open later.
import { createLogger } from '@flagon/gateway';

export const silent = createLogger('silent');

/** Resolves after `count` turns of the event loop. */
export async function ticks(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** A promise (`opened`) that resolves when the test calls `open()`. */
export function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}
