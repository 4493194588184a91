import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { parseManifest, serializeManifest, sealManifest, type Manifest } from '../src/snapshot/manifest.js';
import { restore } from '../src/engine/restore/restore.js';
import { verifySeries } from '../src/engine/verify/verify.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, silent, tempDir, writeTree } from './support/fixtures.js';

function rows(from: number, n: number) {
  return Array.from({ length: n }, (_, k) => ({
    id: from + k,
    text: `doc ${from + k}`,
    vector: Array.from({ length: 8 }, (_, j) => Math.sin(from + k + j)),
  }));
}

/** A real manifest, its `source.facts` replaced, sealed again (a forger recomputes the digest). */
async function withFacts(facts: unknown): Promise<Buffer> {
  const root = await tempDir();
  await writeTree(path.join(root, 'idx'), { 'a.txt': 'a' });
  const { manifest } = await backup({ source: path.join(root, 'idx'), store: new LocalStore(path.join(root, 'store')), logger: silent });
  const { digest: _digest, ...body } = manifest!;
  return serializeManifest(sealManifest({ ...body, source: { ...body.source, facts: facts as Record<string, unknown> } }) as Manifest);
}

describe('keys of a manifest that come from user data', () => {
  it('a LanceDB tag named "constructor" (or "prototype") backs up, verifies and restores', async () => {
    const root = await tempDir();
    const dbDir = path.join(root, 'db');
    const db = await lancedb.connect(dbDir);
    const t = await db.createTable('docs', rows(0, 50));
    await t.add(rows(50, 10));
    const tags = await t.tags();
    await tags.create('constructor', 1);
    await tags.create('prototype', 2);
    t.close();
    db.close();
    const store = new LocalStore(path.join(root, 'store'));
    const r = await backup({ source: dbDir, store, series: 'db', logger: silent });
    expect(r.manifest!.source.format).toBe('lancedb');
    expect(JSON.stringify(r.manifest!.source.facts)).toContain('"constructor":1');
    expect((await verifySeries(store, 'db', undefined))[0]!.ok).toBe(true);
    const target = path.join(root, 'restored');
    await restore({ target, store, series: 'db', logger: silent });
    // The tags come back byte for byte, and the table opens at each of them.
    expect(await describeTree(path.join(target, 'docs.lance', '_refs'))).toEqual(
      await describeTree(path.join(dbDir, 'docs.lance', '_refs')),
    );
    const back = await lancedb.connect(target);
    const bt = await back.openTable('docs');
    expect(await (await bt.tags()).getVersion('constructor')).toBe(1);
    await bt.checkout('constructor');
    expect(await bt.countRows()).toBe(50);
    await bt.checkoutLatest();
    expect(await bt.countRows()).toBe(60);
    bt.close();
    back.close();
  });

  it('"constructor" and "prototype" keys anywhere are data; an own "__proto__" key anywhere is refused', async () => {
    const fine = await withFacts({ tags: { constructor: 1, prototype: 2 }, prototype: { constructor: { prototype: 3 } } });
    expect(parseManifest(fine).source.facts).toMatchObject({ tags: { constructor: 1, prototype: 2 } });
    for (const [where, facts] of [
      ['top of facts', JSON.parse('{"__proto__":{"polluted":true}}')],
      ['a nested object', JSON.parse('{"tables":[{"tags":{"__proto__":{"polluted":true}}}]}')],
      ['an array of objects', JSON.parse('[1,{"a":[{"__proto__":[]}]}]')],
    ] as const) {
      const bytes = await withFacts(facts);
      expect(() => parseManifest(bytes), where).toThrow(
        expect.objectContaining({ code: 'E_INTEGRITY', message: expect.stringContaining('"__proto__" key') }),
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
