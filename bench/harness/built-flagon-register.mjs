// Preloaded into the contender processes when `pnpm bench` staged the built packages (built-flagon.ts).
import { register } from 'node:module';

if (process.env.FLAGON_BENCH_BUILT) {
  register('./built-flagon-hooks.mjs', import.meta.url, { data: process.env.FLAGON_BENCH_BUILT });
}
