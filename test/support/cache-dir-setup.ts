import os from 'node:os';
import path from 'node:path';
import { useDefaultCacheDir } from '../../src/fs-safety/hash-cache.js';

// Library calls that name no cache directory keep their hash caches out of the real home
// (child processes of the CLI and the action read INDEX_VAULT_CACHE_DIR from vitest.config.ts).
useDefaultCacheDir(path.join(os.tmpdir(), 'index-vault-test-hash-cache'));
