import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One real Redis and one real PostgreSQL for the run (test/support/servers.ts).
    globalSetup: ['test/support/global-setup.ts'],
    // docx (the tests' Word-file builder) probes localStorage, which Node 25+ warns about
    // once per worker when no storage file is given: the tests need no web storage.
    execArgv: ['--no-experimental-webstorage'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
