import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'docs/test/**/*.test.ts',
      'bench/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Two cores: server tests spawn processes, so keep the file-level parallelism small.
    maxWorkers: 2,
    pool: 'forks',
    setupFiles: ['scripts/quiet-test-output.ts'],
  },
});
