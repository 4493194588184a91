import fs from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheFileFor, cleanDelay, HashCache, isTrusted, RACY_NS, type FileStamp } from '../src/fs-safety/hash-cache.js';
import { StampTable } from '../src/fs-safety/stamp-table.js';
import { cacheFilePieces, decodeCacheFile, encodeCacheTable, fitsInt64, type CacheRows } from '../src/fs-safety/hash-cache-file.js';
import { comparePaths } from '../src/snapshot/entry-path.js';
import { silent, tempDir } from './support/fixtures.js';

const sha = (n: number) => n.toString(16).padStart(64, '0');
/** Nanosecond times and inodes around the places where words and numbers could part: 0, whole seconds, 2^32, 2^53, 2^63, negative. */
const ns = fc.oneof(
  fc.bigInt({ min: 1_000_000_000_000_000_000n, max: 1_900_000_000_000_000_000n }),
  fc.constantFrom(
    0n,
    1n,
    -1n,
    2n ** 32n - 1n,
    2n ** 32n,
    2n ** 53n,
    2n ** 53n + 1n,
    2n ** 63n - 1n,
    -(2n ** 63n),
    2n ** 63n,
    2n ** 64n + 7n,
    1_700_000_000_000_000_000n,
    -1_000_000_000n,
  ),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 29n }),
);
const stamp = fc.record({ size: fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }), mtimeNs: ns, ctimeNs: ns, ino: ns });
const fits = (s: FileStamp) => [s.size, s.mtimeNs, s.ctimeNs, s.ino].every(fitsInt64);

describe('hash cache: the binary file against the trust rule', () => {
  it('trusts exactly what the trust rule trusts, and nothing a 64-bit column cannot hold', async () => {
    const dir = await tempDir('iv-hcf-');
    const root = path.join(dir, 'root');
    await fs.mkdir(root);
    const cases = fc
      .sample(
        fc
          .record({ recorded: stamp, current: stamp, how: fc.integer({ min: 0, max: 11 }), at: ns })
          .map(({ recorded, current, how, at }) => {
            // Half the same stamp, else one differing in a single field by one bit of either 32-bit word, or another stamp.
            const flip = how < 6 ? 0n : [1n, 2n ** 32n, 2n ** 31n, 2n ** 62n, 2n ** 52n][how - 6]!;
            const field = (['size', 'mtimeNs', 'ctimeNs', 'ino'] as const)[how % 4]!;
            const near = how === 11 ? current : { ...recorded, [field]: recorded[field] ^ flip };
            const clean = (at < 0n ? -at : at) % 3_000_000_000n;
            return { recorded, current: near, at: how === 11 ? at : recorded.ctimeNs + clean };
          }),
        { numRuns: 1500, seed: 42 },
      )
      .filter((c) => fits(c.recorded) && fitsInt64(c.at));
    const n = cases.length;
    const nums = new BigInt64Array(5 * n);
    cases.forEach((c, i) => {
      [c.recorded.size, c.recorded.mtimeNs, c.recorded.ctimeNs, c.recorded.ino, c.at].forEach((v, col) => (nums[col * n + i] = v));
    });
    const paths = cases.map((_, i) => `f${i}`);
    const bytes = encodeCacheTable(root, { paths, nums, sha256: Buffer.from(paths.map((_, i) => sha(i)).join(''), 'hex') });
    await fs.writeFile(cacheFileFor(root, dir), bytes);
    // Read at any byte offset (columns not 8-byte aligned in memory), the table is the same.
    for (const shift of [1, 3, 4]) {
      const moved = Buffer.concat([Buffer.alloc(shift), bytes]).subarray(shift);
      const t = decodeCacheFile(moved, root);
      expect([[...t.paths], [...t.nums], t.sha256.toString('hex')]).toEqual([paths, [...nums], bytes.subarray(-32 * n).toString('hex')]);
    }
    const cache = await HashCache.open(root, silent, dir);
    let trusted = 0;
    cases.forEach((c, i) => {
      const expected = fits(c.current) && isTrusted(c.recorded, c.at, c.current) ? sha(i) : undefined;
      if (expected) trusted++;
      expect(
        cache.lookup(`f${i}`, c.current),
        JSON.stringify(c, (_, v) => (typeof v === 'bigint' ? String(v) : v)),
      ).toBe(expected);
    });
    expect(trusted).toBeGreaterThan(100);
    expect(trusted).toBeLessThan(n - 100);
  });

  it('keeps every name it records through save and open, and records none it could not keep exactly', async () => {
    const dir = await tempDir('iv-hcf-');
    const root = path.join(dir, 'root "é"');
    await fs.mkdir(root);
    const names = ['b', 'a', '__proto__', '10', '0', 'a"b\\c', 'é', 'e\u0301', '\u{1f600}/x', 'constructor', '', 'x'.repeat(4000), 'a\nb'];
    const refused = ['x/\ud800', '\udc00', 'a\0b', 'b\ud83d'];
    const at = 1_800_000_000_000_000_000n;
    const stampOf = (i: number): FileStamp => ({
      size: BigInt(i),
      mtimeNs: 1_700_000_000_000_000_000n + BigInt(i),
      ctimeNs: 1_700_000_000_000_000_007n,
      ino: 2n ** 63n - 1n - BigInt(i),
    });
    const cache = await HashCache.open(root, silent, dir);
    names.forEach((n, i) => expect(cache.record(n, stampOf(i), sha(i), at)).toBe(true));
    refused.forEach((n, i) => expect(cache.record(n, stampOf(i), sha(i), at)).toBe(false));
    // Numbers past 64 bits and hashes that are not lower-case hex are not recorded either.
    expect(cache.record('big', { ...stampOf(1), ino: 2n ** 63n }, sha(1), at)).toBe(false);
    expect(cache.record('neg', { ...stampOf(1), mtimeNs: -(2n ** 63n) - 1n }, sha(1), at)).toBe(false);
    expect(cache.record('when', stampOf(1), sha(1), 2n ** 63n)).toBe(false);
    expect(cache.record('hex', stampOf(1), 'A'.repeat(64), at)).toBe(false);
    expect(cache.record('short', stampOf(1), 'a'.repeat(63), at)).toBe(false);
    await cache.save();
    const again = await HashCache.open(root, silent, dir);
    names.forEach((n, i) => {
      expect(again.lookup(n, stampOf(i))).toBe(sha(i));
      expect(again.lookup(n, { ...stampOf(i), ctimeNs: stampOf(i).ctimeNs + 1n })).toBeUndefined();
    });
    for (const n of [...refused, 'big', 'neg', 'when', 'hex', 'short', 'e\u00e9', 'x/\ufffd'])
      expect(again.lookup(n, stampOf(1))).toBeUndefined();
    // Looked up, every entry is kept by the next save; one not looked up drops out.
    const fourth = await HashCache.open(root, silent, dir);
    names.slice(1).forEach((n, i) => expect(fourth.lookup(n, stampOf(i + 1))).toBe(sha(i + 1)));
    // Recorded again after its lookup, an entry is saved once, as recorded.
    const moved = { ...stampOf(1), ctimeNs: stampOf(1).ctimeNs + 1n };
    expect(fourth.record(names[1]!, moved, sha(99), at)).toBe(true);
    await fourth.save();
    const saved = decodeCacheFile(await fs.readFile(cacheFileFor(root, dir)), root);
    expect([...saved.paths].sort()).toEqual(names.slice(1).sort());
    const third = await HashCache.open(root, silent, dir);
    expect(third.lookup(names[0]!, stampOf(0))).toBeUndefined();
    expect(third.lookup(names[1]!, stampOf(1))).toBeUndefined();
    expect(third.lookup(names[1]!, moved)).toBe(sha(99));
    names.slice(2).forEach((n, i) => expect(third.lookup(n, stampOf(i + 2))).toBe(sha(i + 2)));
  });

  it('keeps every recorded stamp and hash through save and open, past many rows and with paths recorded twice', async () => {
    const dir = await tempDir('iv-hcf-');
    const root = path.join(dir, 'root');
    await fs.mkdir(root);
    const cache = await HashCache.open(root, silent, dir, { fresh: true });
    const at = 10n ** 18n;
    // Values that use both 32-bit words of each column, different in every field and row.
    const stampOf = (i: number, again = 0n): FileStamp => ({
      size: BigInt(i) * 2n ** 33n + 7n + again,
      mtimeNs: at - 5_000_000_000n - BigInt(i) * 3n,
      ctimeNs: at - 4_000_000_000n - BigInt(i) * 5n - again,
      ino: 2n ** 40n + BigInt(i) * 11n,
    });
    const n = 1300; // several times the rows the recorder starts with
    for (let i = 0; i < n; i++) expect(cache.record(`d/f${i}`, stampOf(i), sha(i), at)).toBe(true);
    // Recorded again with another stamp and hash: the later one is what is kept.
    for (let i = 0; i < n; i += 97) expect(cache.record(`d/f${i}`, stampOf(i, 1n), sha(i + n), at)).toBe(true);
    await cache.save();
    const again = await HashCache.open(root, silent, dir);
    for (let i = 0; i < n; i++) {
      const later = i % 97 === 0;
      expect(again.lookup(`d/f${i}`, stampOf(i, later ? 1n : 0n)), `f${i}`).toBe(sha(later ? i + n : i));
      if (later) expect(again.lookup(`d/f${i}`, stampOf(i))).toBeUndefined();
    }
  });
});

describe('hash cache: stamps recorded as rows of a table', () => {
  it('records a row exactly when recording its stamp would, and saves the same file', async () => {
    const cases = fc.sample(fc.record({ s: stamp, clean: fc.bigInt({ min: -3_000_000_000n, max: 3_000_000_000n }), own: fc.option(ns) }), {
      numRuns: 1500,
      seed: 7,
    });
    const dir = await tempDir('iv-hcf-');
    const root = path.join(dir, 'root');
    await fs.mkdir(root);
    const byStamp = await HashCache.open(root, silent, path.join(dir, 'a'), { fresh: true });
    const byRow = await HashCache.open(root, silent, path.join(dir, 'b'), { fresh: true, rows: 3 });
    // The hash given as its bytes, with room made once part of the way through (as a full backup records).
    const byBytes = await HashCache.open(root, silent, path.join(dir, 'c'));
    const table = new StampTable();
    let recorded = 0;
    let refused = 0;
    cases.forEach(({ s, clean, own }, i) => {
      // Recorded around the moment the stamp turns clean, either window, or at a time of its own.
      const newest = s.ctimeNs > s.mtimeNs ? s.ctimeNs : s.mtimeNs;
      const at = own ?? newest + clean;
      const row = table.add(s.size, s.mtimeNs, s.ctimeNs, s.ino);
      const expected = byStamp.record(`f${i}`, s, sha(i), at);
      expect(byRow.recordRow(`f${i}`, table, row, sha(i), at), `case ${i}`).toBe(expected);
      if (i === 40) byBytes.reserve(cases.length);
      expect(byBytes.recordRow(`f${i}`, table, row, Buffer.from(sha(i), 'hex'), at), `case ${i} (bytes)`).toBe(expected);
      // A hash that is not 32 bytes is never recorded.
      expect(byBytes.recordRow(`g${i}`, table, row, Buffer.from(sha(i), 'hex').subarray(1), at)).toBe(false);
      if (expected) recorded++;
      else refused++;
    });
    expect(recorded).toBeGreaterThan(80);
    expect(refused).toBeGreaterThan(200);
    await byStamp.save();
    await byRow.save();
    const a = await fs.readFile(cacheFileFor(root, path.join(dir, 'a')));
    const b = await fs.readFile(cacheFileFor(root, path.join(dir, 'b')));
    expect(b.equals(a)).toBe(true);
    await byBytes.save();
    expect((await fs.readFile(cacheFileFor(root, path.join(dir, 'c')))).equals(a)).toBe(true);
  });

  it('finds how long to wait for the last stamp to turn clean within one racy window, as BigInts say', () => {
    const reference = (stamps: FileStamp[], start: bigint) => {
      let wait = 0n;
      for (const s of stamps) {
        if (s.ctimeNs === 0n) continue; // never clean: nothing to wait for
        const window = s.ctimeNs % 1_000_000_000n === 0n ? 2_000_000_000n : RACY_NS;
        const delay = (s.ctimeNs > s.mtimeNs ? s.ctimeNs : s.mtimeNs) + window - start;
        if (delay > wait && delay <= RACY_NS) wait = delay;
      }
      return Number(wait);
    };
    const start = 1_764_000_000_123_456_789n;
    // Times near the start (whole seconds among them), and far from it either way.
    const near = fc.oneof(
      fc.bigInt({ min: start - 2_200_000_000n, max: start + 300_000_000n }),
      fc.bigInt({ min: start - 150_000_000n, max: start + 50_000_000n }),
      fc.bigInt({ min: -2_300_000_000n, max: 300_000_000n }).map((d) => ((start + d) / 1_000_000_000n) * 1_000_000_000n),
      ns,
    );
    const tables = fc.sample(
      fc.array(fc.record({ size: fc.constant(1n), mtimeNs: near, ctimeNs: near, ino: fc.constant(2n) }), { minLength: 1, maxLength: 8 }),
      { numRuns: 800, seed: 3 },
    );
    let waited = 0;
    for (const stamps of tables) {
      const table = new StampTable();
      for (const s of stamps) table.add(s.size, s.mtimeNs, s.ctimeNs, s.ino);
      const expected = reference(stamps, start);
      expect(cleanDelay(table, start), stamps.map((s) => `${s.mtimeNs} ${s.ctimeNs}`).join(';')).toBe(expected);
      if (expected > 0) waited++;
    }
    expect(waited).toBeGreaterThan(100);
  });
});

describe('hash cache: lookups in the tree order walk the file', () => {
  /** Names whose order by code unit and by UTF-8 bytes differ (an astral character against a high BMP one), and plain ones. */
  const NAMES = ['a', 'b', 'B', 'é', '\uffff', '\u{1f600}', '\u{10000}x', 'a/b', 'a b', 'z'.repeat(40), '日本'];
  const old = 1_600_000_000_000_000_000n;
  const stampOf = (i: number): FileStamp => ({
    size: BigInt(i),
    mtimeNs: old + BigInt(i),
    ctimeNs: old + BigInt(i),
    ino: BigInt(1000 + i),
  });
  const recordedAt = old + 10_000_000_000n;

  /** A cache file of `paths` (row i: stampOf(i), sha(i)), written in the order given, as an older writer may have. */
  async function cacheOf(paths: string[]) {
    const dir = await tempDir('iv-hcw-');
    const root = path.join(dir, 'root');
    await fs.mkdir(root);
    const n = paths.length;
    const nums = new BigInt64Array(5 * n);
    paths.forEach((_, i) => {
      const s = stampOf(i);
      [s.size, s.mtimeNs, s.ctimeNs, s.ino, recordedAt].forEach((v, c) => (nums[c * n + i] = v));
    });
    const sha256 = Buffer.from(paths.map((_, i) => sha(i)).join(''), 'hex');
    await fs.mkdir(path.dirname(cacheFileFor(root, dir)), { recursive: true });
    await fs.writeFile(cacheFileFor(root, dir), encodeCacheTable(root, { paths, nums, sha256 }));
    return { root, dir };
  }

  it('answers as a lookup by path does, in any order of lookups and of the file, and never with another row', async () => {
    const path_ = fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
    const samples = fc.sample(
      fc.record({
        present: fc.uniqueArray(path_, { maxLength: 30 }),
        absent: fc.array(path_, { maxLength: 10 }),
        fileSorted: fc.boolean(),
        lookups: fc.constantFrom('ascending', 'shuffled', 'twice', 'again'),
        seed: fc.integer(),
      }),
      { numRuns: 150, seed: 7 },
    );
    let walked = 0;
    let walkedBack = 0;
    for (const s of samples) {
      const inOrder = [...s.present].sort(comparePaths);
      const file = s.fileSorted ? inOrder : s.present;
      const { root, dir } = await cacheOf(file);
      const notes: string[] = [];
      const cache = await HashCache.open(root, { ...silent, debug: (m: string) => void notes.push(m) }, dir);
      const rowOf = new Map(file.map((p, i) => [p, i]));
      const wanted = [...new Set([...s.present, ...s.absent])].sort(comparePaths);
      const order =
        s.lookups === 'ascending'
          ? wanted
          : s.lookups === 'twice'
            ? wanted.flatMap((p) => [p, p])
            : s.lookups === 'again' // a pass that stops part way, then one over the whole tree
              ? [...wanted.slice(0, (s.seed >>> 0) % (wanted.length + 1)), ...wanted]
              : fc.sample(fc.shuffledSubarray(wanted, { minLength: wanted.length }), { numRuns: 1, seed: s.seed })[0]!;
      for (const p of order) {
        const row = rowOf.get(p);
        const got = cache.lookup(p, row === undefined ? stampOf(0) : stampOf(row));
        // Every present path is found, with its own row.
        expect(got).toBe(row === undefined ? undefined : sha(row));
      }
      // Walked (no map of every path, a lookup out of order moving the cursor back) exactly when the file is in order.
      const mapped = notes.some((m) => m.includes('in a map'));
      const fileInOrder = file.every((p, i) => i === 0 || comparePaths(file[i - 1]!, p) < 0);
      const lookupsInOrder = order.every((p, i) => i === 0 || comparePaths(order[i - 1]!, p) <= 0);
      expect(mapped).toBe(!fileInOrder);
      if (!mapped && file.length > 3) walked++;
      if (!mapped && !lookupsInOrder && file.length > 3) walkedBack++;
    }
    expect(walked).toBeGreaterThan(30);
    expect(walkedBack).toBeGreaterThan(15);
  });

  it('saves a file in order by merging its kept rows with what was recorded, as a stream, byte for byte as sorting every path would', async () => {
    const path_ = fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
    const samples = fc.sample(
      fc.record({
        present: fc.uniqueArray(path_, { maxLength: 30 }),
        absent: fc.uniqueArray(path_, { maxLength: 10 }),
        keep: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        again: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        seed: fc.integer(),
      }),
      { numRuns: 120, seed: 11 },
    );
    let merged = 0;
    for (const s of samples) {
      const file = [...s.present].sort(comparePaths);
      const { root, dir } = await cacheOf(file);
      const cache = await HashCache.open(root, silent, dir);
      file.forEach((p, row) => s.keep[row] && cache.lookup(p, stampOf(row)));
      // Recorded in any order: some paths the file holds (recorded again), some it does not.
      const recorded = [...file.filter((_, row) => s.again[row]), ...s.absent.filter((p) => !file.includes(p))];
      // Half recorded in the tree's order (as a restore records), which the merge takes as it is.
      const order =
        s.seed % 2 === 0
          ? [...recorded].sort(comparePaths)
          : fc.sample(fc.shuffledSubarray(recorded, { minLength: recorded.length }), { numRuns: 1, seed: s.seed })[0]!;
      order.forEach((p, i) => cache.record(p, stampOf(100 + i), sha(100 + i), recordedAt));
      const internals = cache as unknown as { mergedRecorded: () => CacheRows; encodeBySorting: () => [Buffer, number] };
      // Written as a stream, in pieces smaller than the file: each piece copied as it comes (its memory is the next one's).
      const rows = internals.mergedRecorded();
      const count = rows.count;
      const bytes = Buffer.concat(Array.from(cacheFilePieces(cache.root, rows, 256), (b) => Buffer.from(b)));
      const [reference, referenceCount] = internals.encodeBySorting();
      expect(count).toBe(referenceCount);
      expect(bytes.equals(reference)).toBe(true);
      if (count > 3) merged++;
    }
    expect(merged).toBeGreaterThan(30);
  });

  it('saves in the tree order, whatever the order of what was recorded and kept', async () => {
    const { root, dir } = await cacheOf(['\u{1f600}', 'b', 'a']);
    const cache = await HashCache.open(root, silent, dir);
    // Out of order in the file (an older writer): looked up in a map, every entry is still found.
    expect(cache.lookup('a', stampOf(2))).toBe(sha(2));
    expect(cache.lookup('\u{1f600}', stampOf(0))).toBe(sha(0));
    for (const [i, p] of ['\uffff', 'c', '日本', 'a/b'].entries())
      expect(cache.record(p, stampOf(10 + i), sha(10 + i), recordedAt)).toBe(true);
    await cache.save();
    const saved = [...decodeCacheFile(await fs.readFile(cacheFileFor(root, dir)), root).paths];
    expect(saved).toEqual(['a', 'a/b', 'c', '日本', '\uffff', '\u{1f600}']);
    expect(saved).toEqual([...saved].sort(comparePaths));
    const again = await HashCache.open(root, silent, dir);
    for (const [p, i] of [
      ['a', 2],
      ['a/b', 13],
      ['c', 11],
      ['日本', 12],
      ['\uffff', 10],
      ['\u{1f600}', 0],
    ] as const)
      expect(again.lookup(p, stampOf(i))).toBe(sha(i));
  });
});

describe('hash cache: a large save', () => {
  it('writes 150,000 entries recorded out of the tree order, in that order', async () => {
    const dir = await tempDir('iv-hcl-');
    const root = path.join(dir, 'root');
    await fs.mkdir(root);
    const cache = await HashCache.open(root, silent, dir);
    const old = 1_600_000_000_000_000_000n;
    const n = 150_000;
    // Recorded backwards: the save must sort them all (in one pass, with no argument list as long as the cache).
    for (let i = n - 1; i >= 0; i--) {
      const rel = `d${String(Math.floor(i / 1000)).padStart(3, '0')}/f${String(i).padStart(6, '0')}`;
      cache.record(rel, { size: BigInt(i), mtimeNs: old, ctimeNs: old, ino: BigInt(i) }, sha(i), old + 10_000_000_000n);
    }
    await cache.save();
    const saved = decodeCacheFile(await fs.readFile(cacheFileFor(root, dir)), root);
    expect(saved.paths.length).toBe(n);
    expect(saved.paths.ascending()).toBe(true);
    expect(saved.paths.at(0)).toBe('d000/f000000');
    expect(saved.sha256.toString('hex', 0, 32)).toBe(sha(0));
    expect(saved.nums[3 * n + n - 1]).toBe(BigInt(n - 1));
  });
});

describe('hash cache: a save that fails', () => {
  it('warns and resolves when the file cannot even be made, as when it cannot be written', async () => {
    const dir = await tempDir('iv-hcs-');
    const root = path.join(dir, 'root');
    await fs.mkdir(root);
    const warnings: string[] = [];
    const cache = await HashCache.open(root, { ...silent, warn: (m: string) => void warnings.push(m) }, dir);
    const old = 1_600_000_000_000_000_000n;
    cache.record('a', { size: 1n, mtimeNs: old, ctimeNs: old, ino: 1n }, sha(1), old + 10_000_000_000n);
    // A fault in making the file (such as the one a million out-of-order paths once caused).
    (cache as unknown as { mergedRecorded: () => never }).mergedRecorded = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    await expect(cache.save()).resolves.toBeUndefined();
    expect(warnings).toEqual([expect.stringMatching(/could not save the hash cache .*Maximum call stack.*read every file/)]);
    await expect(fs.access(cacheFileFor(root, dir))).rejects.toThrow();
    // A fault while the pieces are written: the same warning, and no file or temporary left.
    const again = await HashCache.open(root, { ...silent, warn: (m: string) => void warnings.push(m) }, dir);
    again.record('a', { size: 1n, mtimeNs: old, ctimeNs: old, ino: 1n }, sha(1), old + 10_000_000_000n);
    const rows = (again as unknown as { mergedRecorded: () => CacheRows }).mergedRecorded();
    (again as unknown as { mergedRecorded: () => CacheRows }).mergedRecorded = () => ({
      ...rows,
      sha256: () => {
        throw new Error('a digest that cannot be copied');
      },
    });
    await expect(again.save()).resolves.toBeUndefined();
    expect(warnings[1]).toMatch(/could not save the hash cache .*a digest that cannot be copied/);
    expect((await fs.readdir(path.dirname(cacheFileFor(root, dir)))).filter((f) => /\.(bin|tmp)$/.test(f))).toEqual([]);
  });
});
