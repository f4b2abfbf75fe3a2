import { defineConfig } from 'vitest/config';

// Browser e2e: one file at a time (2 cores, real browsers), generous timeouts for browser start.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60000,
    hookTimeout: 60000,
  },
});
