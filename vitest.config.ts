import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Browser and site-build tests start Chromium and Eleventy; two cores run two files at a time.
    maxWorkers: 2,
  },
});
