import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Backups and restores keep a hash cache per directory: tests keep theirs out of the real home,
    // in library calls (the setup file) and in the CLI and action they run (the variable).
    setupFiles: ['./test/support/cache-dir-setup.ts'],
    env: { INDEX_VAULT_CACHE_DIR: path.join(os.tmpdir(), 'index-vault-test-hash-cache') },
  },
});
