import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start real servers on port 0; keep them from starving each other on 2 cores.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
