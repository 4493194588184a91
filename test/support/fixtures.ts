import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

/** A fresh temp directory, removed after the test. */
export async function tempDir(prefix = 'iv-test-'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(async () => {
  while (made.length > 0) await fs.rm(made.pop()!, { recursive: true, force: true, maxRetries: 3 });
});

export type TreeSpec = Record<string, string | Buffer | { link: string } | { dir: true } | { exec: string | Buffer }>;

/** Writes a tree from a spec: strings/buffers are files, {dir:true} empty dirs, {link} symlinks, {exec} executables. */
export async function writeTree(root: string, spec: TreeSpec): Promise<void> {
  await fs.mkdir(root, { recursive: true });
  for (const [rel, v] of Object.entries(spec)) {
    const p = path.join(root, ...rel.split('/'));
    await fs.mkdir(path.dirname(p), { recursive: true });
    if (typeof v === 'string' || Buffer.isBuffer(v)) await fs.writeFile(p, v);
    else if ('dir' in v) await fs.mkdir(p, { recursive: true });
    else if ('link' in v) await fs.symlink(v.link, p);
    else {
      await fs.writeFile(p, v.exec);
      await fs.chmod(p, 0o755);
    }
  }
}

export interface TreeItem {
  type: 'file' | 'dir' | 'symlink';
  sha256?: string;
  size?: number;
  exec?: boolean;
  target?: string;
}

/** A comparable description of a tree: every path with type, content hash, exec bit and link target. */
export async function describeTree(root: string): Promise<Record<string, TreeItem>> {
  const out: Record<string, TreeItem> = {};
  const walk = async (dir: string, rel: string): Promise<void> => {
    for (const name of (await fs.readdir(dir)).sort()) {
      const abs = path.join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = await fs.lstat(abs);
      if (st.isSymbolicLink()) out[r] = { type: 'symlink', target: await fs.readlink(abs) };
      else if (st.isDirectory()) {
        out[r] = { type: 'dir' };
        await walk(abs, r);
      } else {
        const data = await fs.readFile(abs);
        out[r] = {
          type: 'file',
          size: data.length,
          sha256: createHash('sha256').update(data).digest('hex'),
          exec: (st.mode & 0o100) !== 0,
        };
      }
    }
  };
  await walk(root, '');
  return out;
}

/** Deterministic pseudo-random bytes (so failures reproduce). */
export function seededBytes(seed: number, n: number): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

export function randomName(): string {
  return randomBytes(4).toString('hex');
}

export const silent = { debug() {}, info() {}, warn() {} };

/** A repeatable stream of numbers in [0, 1) (xorshift32) for tests that draw cases at random. */
export function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}
