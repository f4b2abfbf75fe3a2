import { defineConfig } from 'vitest/config';

// Unit and integration tests. Browser e2e runs separately (scripts/test-all.mjs).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 20000,
  },
});
