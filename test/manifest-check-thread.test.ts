import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { PackedChunks } from '../src/engine/packed-chunks.js';
import { restore } from '../src/engine/restore/restore.js';
import { comparePaths } from '../src/snapshot/entry-path.js';
import { DeferredDigestCheck, DIGEST_STAND_IN, readManifestHead } from '../src/snapshot/manifest-stream.js';
import { MANIFEST_FORMAT, sealManifestEntries, sealManifestText, type Entry, type ManifestBody } from '../src/snapshot/manifest.js';
import { isIndexVaultError } from '../src/shared/errors.js';
import { LocalStore } from '../src/storage/local-store.js';
import { ManifestCheckThread } from '../src/workers/manifest-check.js';
import { describeTree, silent, tempDir } from './support/fixtures.js';

const ID = '20261122T143501123Z-1a2b3c4d';
const PARENT = '20261121T143501123Z-0a2b3c4d';
const WHAT = 'manifest under test';

function fileEntry(p: string, i: number): Entry {
  return {
    exec: i % 3 === 0,
    loc: { length: 10 + i, offset: 512 * i, pack: i % 2, raw: 512 * i, skip: 0, span: 512 + 512 * Math.ceil((10 + i) / 512) },
    mode: i % 3 === 0 ? 0o755 : 0o644,
    mtimeMs: 1_700_000_000_000 + i,
    path: p,
    sha256: createHash('sha256').update(p).digest('hex'),
    size: 10 + i,
    type: 'file',
  };
}

/** A version 2 manifest as the writer makes them, over these names (files, one directory). */
function bodyOf(names: string[]): ManifestBody {
  const entries: Entry[] = [{ mode: 0o755, mtimeMs: 1, path: 'd', type: 'dir' }, ...names.map((n, i) => fileEntry(`d/${n}`, i))];
  entries.sort((a, b) => comparePaths(a.path, b.path));
  const pack = (i: number) => ({
    codec: 'zstd' as const,
    name: `${ID}-00${i}.tar.zst`,
    origin: i ? PARENT : ID,
    rawSize: 2 ** 53 - 1,
    sha256: String(i).repeat(64),
    size: 2 ** 52,
  });
  const files = entries.filter((e) => e.type === 'file');
  return {
    createdAt: '2026-11-22T14:35:01.123Z',
    depth: 1,
    entries,
    format: MANIFEST_FORMAT,
    formatVersion: 2,
    id: ID,
    kind: 'incremental',
    packs: [pack(0), pack(1)],
    parent: { digest: `sha256:${'e'.repeat(64)}`, id: PARENT },
    series: 's',
    source: { format: 'dir', name: 'src', platform: 'linux' },
    tool: 'index-vault 0.1.0',
    totals: {
      bytes: files.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0),
      dirs: 1,
      files: files.length,
      packedBytes: 2 ** 53 - 1,
      storedBytes: 0,
      symlinks: 0,
    },
  } as ManifestBody;
}

/** Where the digest member (with the comma before it) sits in a canonical text. */
function digestMemberAt(text: Buffer): number {
  const at = text.indexOf(',"digest":"sha256:');
  expect(at).toBeGreaterThan(0);
  return at;
}

/** The text as the worker sees it while the writer seals it: the digest member's place holds the stand-in. */
function withStandIn(text: Buffer): Buffer {
  const at = digestMemberAt(text);
  return Buffer.concat([text.subarray(0, at), Buffer.from(DIGEST_STAND_IN, 'latin1'), text.subarray(at + DIGEST_STAND_IN.length)]);
}

async function readerAccepts(text: Buffer): Promise<boolean> {
  return readManifestHead([text], WHAT, () => text).then(
    () => true,
    () => false,
  );
}

/** The worker route's answer for a text: accepted only if the digest it gives is the one the text states. */
function deferredAccepts(text: Buffer, cut = 97): boolean {
  const check = new DeferredDigestCheck(WHAT, 256);
  const seen = withStandIn(text);
  for (let at = 0; at < seen.length; at += cut) check.push(seen.subarray(at, at + cut));
  const answer = check.finish(WHAT);
  const at = digestMemberAt(text);
  const stated = text.toString('latin1', at + ',"digest":"'.length, at + DIGEST_STAND_IN.length - 1);
  return 'digest' in answer && answer.digest === stated;
}

const NAMES = [
  'a',
  'b.txt',
  'café',
  '日本語',
  '\u{1f600}',
  'q"uote',
  '},{"path":"x"',
  'tab\there',
  '__proto__',
  'back\\slash',
  'cafe\u0301',
  'x',
];

describe('a new manifest checked on a worker as it is sealed', () => {
  it('the stand-in has the digest member’s exact length and form', () => {
    const { bytes, manifest } = sealManifestText(bodyOf(['a']));
    expect(DIGEST_STAND_IN.length).toBe(`,"digest":${JSON.stringify(manifest.digest)}`.length);
    expect(bytes.includes(`,"digest":${JSON.stringify(manifest.digest)}`)).toBe(true);
  });

  it('accepts a text only when a reader accepts it, for sealed manifests and for any byte of them changed outside the digest', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 8 }),
        fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { nil: undefined }),
        fc.integer({ min: 1, max: 300 }),
        async (names, flip, cut) => {
          const { bytes } = sealManifestText(bodyOf(names));
          let text = bytes;
          if (flip) {
            // A writer's slip anywhere but in the digest member, which the writer fills itself.
            const at = digestMemberAt(bytes);
            let i = flip[0] % (bytes.length - DIGEST_STAND_IN.length);
            if (i >= at) i += DIGEST_STAND_IN.length;
            text = Buffer.from(bytes);
            text[i] = flip[1];
          }
          const fast = deferredAccepts(text, cut);
          const slow = await readerAccepts(text);
          if (fast) expect(slow).toBe(true);
          // A text the writer made whole is told on the worker, not left to the fallback.
          if (!flip && slow) expect(fast).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a digest that is not the one the text gives is never accepted', () => {
    const { bytes } = sealManifestText(bodyOf(['a', 'b.txt']));
    const at = digestMemberAt(bytes) + ',"digest":"sha256:'.length;
    const forged = Buffer.from(bytes);
    forged[at] = forged[at] === 0x30 ? 0x31 : 0x30;
    expect(deferredAccepts(bytes)).toBe(true);
    expect(deferredAccepts(forged)).toBe(false);
  });

  it('the worker follows PackedChunks as it seals, and gives the sealed digest; a refused name or a bad piece leaves the check to the writer', async () => {
    const seal = (names: string[], count: number) => {
      const check = new ManifestCheckThread(WHAT, PackedChunks.pieceBytes);
      const chunks = new PackedChunks(check);
      const body = bodyOf(names.length ? names : Array.from({ length: count }, (_, i) => `f${String(i).padStart(6, '0')}`));
      const { entries, packs, totals, ...head } = body;
      const manifest = sealManifestEntries(head, entries, () => ({ packs, totals }), chunks);
      chunks.sealStaged();
      return { check, chunks, manifest };
    };
    // Many pieces of a MiB: the writer waits on the worker now and then (a bounded number in flight).
    const big = seal([], 60_000);
    expect(big.chunks.size).toBeGreaterThan(10 * PackedChunks.pieceBytes);
    expect(await big.check.finish()).toEqual({ digest: big.manifest.digest });

    const refused = seal(['a', 'back\\slash'], 0);
    const answer = await refused.check.finish();
    expect(answer).toHaveProperty('fallback');
    const err = await readManifestHead(refused.chunks, WHAT, () => refused.chunks.bytes()).catch((e: unknown) => e);
    expect(isIndexVaultError(err), String(err)).toBe(true);

    const garbled = new ManifestCheckThread(WHAT, PackedChunks.pieceBytes);
    garbled.sealed(Buffer.from('not a zstd frame'));
    expect(await garbled.finish()).toMatchObject({ fallback: expect.stringMatching(/did not decode/) as unknown });
  });

  it('an incremental of 20,020 files is checked on the worker, stored and restored exactly', async () => {
    const root = await tempDir();
    const src = path.join(root, 'src');
    for (let d = 0; d < 20; d++) {
      await fs.mkdir(path.join(src, `d${d}`), { recursive: true });
      await Promise.all(Array.from({ length: 1001 }, (_, i) => fs.writeFile(path.join(src, `d${d}`, `f${i}`), `${d}/${i}`)));
    }
    const store = new LocalStore(path.join(root, 'store'));
    const cacheDir = path.join(root, 'cache');
    await backup({ source: src, store, series: 's', cacheDir, logger: silent });
    await fs.writeFile(path.join(src, 'd3', 'f7'), 'changed');
    const debug: string[] = [];
    const logger = { ...silent, debug: (m: string) => debug.push(m) };
    const inc = await backup({ source: src, store, series: 's', cacheDir, logger });
    expect(inc.kind).toBe('incremental');
    expect(
      debug.some((m) => /checked on a worker as it was sealed/.test(m)),
      debug.join('\n'),
    ).toBe(true);
    const out = path.join(root, 'out');
    await restore({ target: out, store, series: 's', snapshot: inc.id, logger: silent });
    expect(await describeTree(out)).toEqual(await describeTree(src));
  });
});
