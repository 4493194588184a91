import { describe, expect, it } from 'vitest';
import type { MemberExpectation } from '../src/snapshot/member-expectation.js';
import { MemberTable } from '../src/snapshot/member-table.js';
import { seeded } from './support/fixtures.js';

const hex = (i: number) => (i.toString(16).padStart(8, '0') + 'c0ffee').repeat(5).slice(0, 64).padEnd(64, '0');

describe('MemberTable', () => {
  it('answers as a Map of the same expectations does, in the same order, through growth (differential)', () => {
    const rand = seeded(7);
    // Lone surrogates (a forged manifest's) and U+FFFD, which UTF-8 would make one name.
    const names = ['a', 'é', '😀/x', '__proto__', 'constructor', 'd/e', '', '\ud800', '\udfff', '\ufffd', 'x\ud83d'];
    const table = new MemberTable();
    const map = new Map<string, MemberExpectation>();
    for (let i = 0; i < 20_000; i++) {
      // Mostly new names, some again (the first one stays), of every kind a pack holds.
      const member = rand() < 0.1 ? `${names[Math.floor(rand() * names.length)]}${Math.floor(rand() * 50)}` : `dir${i % 97}/file-${i}.txt`;
      const kind = rand();
      const exp: MemberExpectation =
        kind < 0.05
          ? { member, type: 'dir' }
          : kind < 0.1
            ? { member, type: 'symlink', target: `../t${i}` }
            : {
                member,
                type: 'file',
                size: Math.floor(rand() * 1e6),
                sha256: hex(i),
                raw: 512 * i,
                span: 1024,
                ...(rand() < 0.5 ? { offset: 2 ** 40 + i, length: 77, skip: 0 } : {}),
              };
      const row = table.add(exp);
      if (map.has(member)) {
        expect(row).toBeGreaterThanOrEqual(0);
        expect([...map.keys()][row]).toBe(member);
      } else {
        expect(row).toBe(-1);
        map.set(member, exp);
      }
    }
    expect(table.size).toBe(map.size);
    expect([...table.keys()]).toEqual([...map.keys()]);
    expect([...table.values()]).toEqual([...map.values()]);
    expect([...table.entries()]).toEqual([...map.entries()]);
    for (const k of [...map.keys()].slice(0, 3000)) expect(table.get(k)).toEqual(map.get(k));
    for (const k of ['nope', 'dir1/file-0.txt ', 'é0 ', 'dir0/file-0.tx', '\ud801', '\ufffd\ufffd']) {
      expect(table.has(k)).toBe(map.has(k));
      expect(table.get(k)).toEqual(map.get(k));
    }
  });

  it('keeps names of every length, across blocks of names and of rows', () => {
    const table = new MemberTable();
    const map = new Map<string, MemberExpectation>();
    // Names longer than a block of names, around the first block's growth, thousands of rows past a block of rows.
    const lengths = [1, 700, 1024, 1025, 5000, 64 * 1024, 64 * 1024 + 1, 200_000, 3];
    for (let i = 0; i < 9000; i++) {
      const len = i < lengths.length ? lengths[i]! : 10 + (i % 90);
      const member = `${i}-`.padEnd(len, i % 3 === 0 ? 'é' : 'x');
      const exp: MemberExpectation = { member, type: 'symlink', target: `t${i}` };
      expect(table.add(exp)).toBe(-1);
      map.set(member, exp);
    }
    expect([...table.keys()]).toEqual([...map.keys()]);
    for (const [k, v] of map) expect(table.get(k)).toEqual(v);
    expect(table.has('8999-xxxxxx')).toBe(false);
  });

  it('tells the same content from another: sha256, size and raw position', () => {
    const table = new MemberTable();
    const file = { member: 'f', type: 'file', size: 3, sha256: hex(1), raw: 0, span: 1024 } as const;
    expect(table.add(file)).toBe(-1);
    const row = table.add({ ...file, size: 4 });
    expect(table.get('f')!.size).toBe(3);
    expect(table.sameContent(row, file)).toBe(true);
    expect(table.sameContent(row, { ...file, size: 4 })).toBe(false);
    expect(table.sameContent(row, { ...file, sha256: hex(2) })).toBe(false);
    expect(table.sameContent(row, { ...file, raw: 512 })).toBe(false);
  });

  it('refuses a sha256 that is not 64 hex digits', () => {
    for (const sha256 of ['ab'.repeat(31), 'zz'.repeat(32), `${'ab'.repeat(31)}a`, `${'ab'.repeat(32)}0`])
      expect(() => new MemberTable().add({ member: 'f', type: 'file', size: 1, sha256 })).toThrow(/not a sha256/);
  });
});
