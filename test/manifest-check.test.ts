import { describe, expect, it } from 'vitest';
import { parseManifest, sealManifestText, type ManifestBody } from '../src/snapshot/manifest.js';
import { checkManifestAside } from '../src/workers/manifest-check.js';

const ID = '20261122T143501123Z-1a2b3c4d';
const SHA = 'a'.repeat(64);

function body(over: Record<string, unknown> = {}, entryOver: Record<string, unknown> = {}): ManifestBody {
  return {
    createdAt: '2026-11-22T14:35:01.123Z',
    depth: 0,
    entries: [
      {
        exec: false,
        loc: { length: 10, offset: 0, pack: 0, raw: 0, skip: 0, span: 1024 },
        mode: 0o644,
        mtimeMs: 1,
        path: 'a.txt',
        sha256: SHA,
        size: 5,
        type: 'file',
        ...entryOver,
      },
    ],
    format: 'index-vault.snapshot',
    formatVersion: 2,
    id: ID,
    kind: 'full',
    packs: [{ codec: 'zstd', name: `${ID}-000.tar.zst`, origin: ID, rawSize: 4096, sha256: SHA, size: 100 }],
    parent: null,
    series: 's',
    source: { format: 'dir', name: 'src', platform: 'linux' },
    tool: 'index-vault test',
    totals: { bytes: 5, dirs: 0, files: 1, packedBytes: 100, storedBytes: 100, symlinks: 0 },
    ...over,
  } as ManifestBody;
}

/** The error parseManifest throws on this thread, as the fields a caller sees. */
function readerError(bytes: Buffer): Record<string, unknown> {
  try {
    parseManifest(bytes, 'manifest of new snapshot x');
  } catch (err) {
    const e = err as { name: string; code: string; message: string; hint?: string };
    return { name: e.name, code: e.code, message: e.message, hint: e.hint };
  }
  throw new Error('parseManifest accepted it');
}

describe('checking a new manifest on a thread of its own', () => {
  it('accepts what parseManifest accepts', async () => {
    await expect(checkManifestAside(sealManifestText(body()).bytes, 'manifest of new snapshot x')).resolves.toBeUndefined();
  });

  it("refuses what parseManifest refuses, with the reader's own error: a path out of the tree, a __proto__ key, a forged digest, a version from the future, a location past its pack", async () => {
    const good = sealManifestText(body()).bytes;
    const forged = Buffer.from(good.toString().replace('"size":5', '"size":6'));
    const cases = [
      sealManifestText(body({}, { path: '../escape' })).bytes,
      sealManifestText(
        JSON.parse(
          JSON.stringify(body({ source: { format: 'dir', name: 'src', platform: 'linux', facts: {} } })).replace(
            '"facts":{}',
            '"facts":{"__proto__":{}}',
          ),
        ) as ManifestBody,
      ).bytes,
      forged,
      sealManifestText(body({ formatVersion: 99 })).bytes,
      sealManifestText(body({}, { loc: { length: 1000, offset: 0, pack: 0, raw: 0, skip: 0, span: 1024 } })).bytes,
    ];
    for (const bytes of cases) {
      const expected = readerError(bytes);
      const got = await checkManifestAside(bytes, 'manifest of new snapshot x').then(
        () => ({ accepted: true }),
        (e: { name: string; code: string; message: string; hint?: string }) => ({
          name: e.name,
          code: e.code,
          message: e.message,
          hint: e.hint,
        }),
      );
      expect(got).toEqual(expected);
    }
  });
});
