import fs from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheFileFor, HashCache, isTrusted, type FileStamp } from '../src/fs-safety/hash-cache.js';
import { silent, tempDir } from './support/fixtures.js';

const sha = (n: number) => n.toString(16).padStart(64, '0');
/** Nanosecond times and inodes around the places where text and number could part: 0, whole seconds, 2^53, 2^63, negative. */
const ns = fc.oneof(
  fc.bigInt({ min: 1_000_000_000_000_000_000n, max: 1_900_000_000_000_000_000n }),
  fc.constantFrom(0n, 1n, -1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 63n - 1n, 2n ** 64n + 7n, 1_700_000_000_000_000_000n, -1_000_000_000n),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 29n }),
);
const stamp = fc.record({ size: fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }), mtimeNs: ns, ctimeNs: ns, ino: ns });
/** How a decimal may be spelled in a cache file written by hand: leading zeros, -0 (all read as the same number before). */
const spelled = (n: bigint) =>
  fc.constantFrom(String(n), n >= 0n ? `00${n}` : `-00${-n}`, n === 0n ? '-0' : String(n)).filter((s) => /^-?\d{1,30}$/.test(s));

describe('hash cache: loading, looking up and saving without BigInt per file', () => {
  it('trusts exactly what the trust rule trusts, however the recorded decimals are spelled', async () => {
    const dir = await tempDir('iv-hcf-');
    const root = path.join(dir, 'root');
    await fs.mkdir(root);
    const file = cacheFileFor(root, dir);
    const cases = fc.sample(
      fc.record({ recorded: stamp, current: stamp, same: fc.boolean(), at: ns }).chain(({ recorded, current, same, at }) =>
        fc.record({
          recorded: fc.constant(recorded),
          current: fc.constant(same ? { ...recorded } : current),
          at: fc.constant(same ? recorded.ctimeNs + (at % 3_000_000_000n) : at),
          text: fc.tuple(
            spelled(recorded.mtimeNs),
            spelled(recorded.ctimeNs),
            spelled(recorded.ino),
            spelled(same ? recorded.ctimeNs + (at % 3_000_000_000n) : at),
          ),
        }),
      ),
      { numRuns: 400, seed: 42 },
    );
    const entries: Record<string, unknown> = {};
    cases.forEach((c, i) => {
      const [m, ct, ino, at] = c.text;
      entries[`f${i}`] = [Number(c.recorded.size), m, ct, ino, sha(i), at];
    });
    await fs.writeFile(file, JSON.stringify({ version: 1, root, entries }));
    const cache = await HashCache.open(root, silent, dir);
    cases.forEach((c, i) => {
      const expected = isTrusted(c.recorded as FileStamp, c.at, c.current as FileStamp) ? sha(i) : undefined;
      expect(cache.lookup(`f${i}`, c.current as FileStamp), JSON.stringify(c.text)).toBe(expected);
    });
    expect(cases.some((c, i) => cache.lookup(`f${i}`, c.current as FileStamp) !== undefined)).toBe(true);
  });

  it('writes the same bytes JSON.stringify wrote for the entries object, odd names and array-index names included', async () => {
    const dir = await tempDir('iv-hcf-');
    const root = path.join(dir, 'root "é"');
    await fs.mkdir(root);
    const names = [
      'b',
      'a',
      '__proto__',
      '10',
      '9',
      '0',
      '007',
      '4294967294',
      '4294967295',
      '-1',
      'a"b\\c',
      'é',
      '\u{1f600}',
      'x/\ud800',
      'constructor',
      '1e3',
    ];
    const at = 1_800_000_000_000_000_000n;
    const cache = await HashCache.open(root, silent, dir);
    names.forEach((n, i) => {
      const s: FileStamp = {
        size: BigInt(i),
        mtimeNs: 1_700_000_000_000_000_000n + BigInt(i),
        ctimeNs: 1_700_000_000_000_000_007n,
        ino: 2n ** 64n + BigInt(i),
      };
      expect(cache.record(n, s, sha(i), at)).toBe(true);
    });
    await cache.save();
    // What save wrote before: a prototype-less object filled in sorted order, then JSON.stringify.
    const entries = Object.create(null) as Record<string, unknown>;
    for (const n of [...names].sort()) {
      const i = names.indexOf(n);
      entries[n] = [
        i,
        String(1_700_000_000_000_000_000n + BigInt(i)),
        '1700000000000000007',
        String(2n ** 64n + BigInt(i)),
        sha(i),
        String(at),
      ];
    }
    const written = await fs.readFile(cacheFileFor(root, dir), 'utf8');
    expect(written).toBe(JSON.stringify({ version: 1, root, entries }) + '\n');
    // And it reads back whole: every entry found again, exactly.
    const again = await HashCache.open(root, silent, dir);
    names.forEach((n, i) => {
      const s: FileStamp = {
        size: BigInt(i),
        mtimeNs: 1_700_000_000_000_000_000n + BigInt(i),
        ctimeNs: 1_700_000_000_000_000_007n,
        ino: 2n ** 64n + BigInt(i),
      };
      expect(again.lookup(n, s)).toBe(sha(i));
    });
  });
});
