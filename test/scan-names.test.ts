import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanTree } from '../src/engine/backup/scan.js';
import { tempDir } from './support/fixtures.js';

/** Creates a file whose name is the given bytes, in `dir`. */
function rawFile(dir: string, name: Buffer, content = 'x'): void {
  fsSync.writeFileSync(Buffer.concat([Buffer.from(dir + path.sep), name]), content);
}

describe('scan: names decoded without their bytes unless one may not be UTF-8', () => {
  it('refuses a name that is not UTF-8 among ASCII ones, and takes a real U+FFFD as it is', async () => {
    const src = await tempDir();
    for (const n of ['a.txt', 'b.txt', 'c.txt']) await fs.writeFile(path.join(src, n), n);
    await fs.mkdir(path.join(src, 'ok'));
    await fs.writeFile(path.join(src, 'ok', 'x\uFFFDy.txt'), 'fffd');
    const good = await scanTree(src);
    expect([...good.entries.allPaths()]).toContain('ok/x\uFFFDy.txt');
    await fs.mkdir(path.join(src, 'bad'));
    rawFile(path.join(src, 'bad'), Buffer.from([0x61, 0xff, 0x2e, 0x74]));
    rawFile(path.join(src, 'bad'), Buffer.from([0xed, 0xa0, 0x80])); // an encoded lone surrogate
    await fs.writeFile(path.join(src, 'bad', 'fine.txt'), 'fine');
    const err = await scanTree(src).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_UNSUPPORTED' });
    const paths = (err as { details: { paths: string[] } }).details.paths;
    expect(paths.filter((p) => p.endsWith('file name is not valid UTF-8')).length).toBe(2);
    expect(paths.every((p) => p.startsWith('bad/'))).toBe(true);
  });

  it('refuses two names of one directory equal after NFC, an ASCII one included (K and the Kelvin sign), and takes ASCII-only directories as they are', async () => {
    for (const [a, b] of [
      ['caf\u00e9', 'cafe\u0301'],
      ['K', '\u212A'],
      ['\u212A', 'K'],
    ] as const) {
      const src = await tempDir();
      await fs.mkdir(path.join(src, 'd'));
      await fs.writeFile(path.join(src, 'd', a), 'a');
      await fs.writeFile(path.join(src, 'd', b), 'b');
      await fs.writeFile(path.join(src, 'd', 'plain'), 'p');
      const err = await scanTree(src).catch((e: unknown) => e);
      expect(err, `${a} ${b}`).toMatchObject({ code: 'E_UNSUPPORTED' });
      expect(String((err as Error).message)).toMatch(/differ only in Unicode normalization/);
    }
    const src = await tempDir();
    for (const n of ['K', 'k', 'A.b', '__proto__', 'constructor']) await fs.writeFile(path.join(src, n), n);
    expect([...(await scanTree(src)).entries.allPaths()].sort()).toEqual(['A.b', 'K', '__proto__', 'constructor', 'k']);
  });
});
