import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIndexVaultError } from '../src/shared/errors.js';
import { assertSeriesName, assertSnapshotId, isSnapshotId, newSnapshotId, seriesNameFor } from '../src/snapshot/snapshot-id.js';

describe('snapshot ids', () => {
  it('are the UTC time to the millisecond and 32 random bits', () => {
    const id = newSnapshotId(new Date('2026-11-22T14:35:01.123Z'));
    expect(id).toMatch(/^20261122T143501123Z-[0-9a-f]{8}$/);
    expect(isSnapshotId(id)).toBe(true);
    expect(newSnapshotId(new Date(0))).toMatch(/^19700101T000000000Z-/);
  });

  it('sort by creation time as plain strings (property)', () => {
    const date = fc.integer({ min: 0, max: Date.parse('9999-12-31T23:59:59.999Z') }).map((t) => new Date(t));
    fc.assert(
      fc.property(date, date, (a, b) => {
        const [x, y] = [newSnapshotId(a), newSnapshotId(b)];
        expect(isSnapshotId(x) && isSnapshotId(y)).toBe(true);
        if (a.getTime() !== b.getTime()) expect(x < y).toBe(a < b);
      }),
    );
  });

  it('are refused in any other shape with E_VALIDATION', () => {
    for (const bad of [
      '',
      '20261122T143501123Z',
      '20261122T143501123Z-1A2B3C4D',
      '20261122T143501123Z-1a2b3c4',
      '20261122T143501123Z-1a2b3c4d5',
      '2026-11-22T14:35:01.123Z-1a2b3c4d',
      '20261122T14350112Z-1a2b3c4d',
      ' 20261122T143501123Z-1a2b3c4d',
      '20261122T143501123Z-1a2b3c4d\n',
      '../20261122T143501123Z-1a2b3c4d',
      '٢٠٢٦1122T143501123Z-1a2b3c4d',
    ]) {
      expect(isSnapshotId(bad), JSON.stringify(bad)).toBe(false);
      let err: unknown;
      try {
        assertSnapshotId(bad);
      } catch (e) {
        err = e;
      }
      expect(isIndexVaultError(err, 'E_VALIDATION'), JSON.stringify(bad)).toBe(true);
    }
    expect(assertSnapshotId('20261122T143501123Z-1a2b3c4d')).toBe('20261122T143501123Z-1a2b3c4d');
  });
});

describe('series names', () => {
  it('take 1 to 100 characters of A–Z a–z 0–9 . _ -, starting with a letter or digit, never ".."', () => {
    for (const ok of ['a', 'My-Index_v2.1', '0', 'x'.repeat(100), 'a.b']) expect(assertSeriesName(ok)).toBe(ok);
    for (const bad of ['', '.a', '-a', '_a', 'a/b', 'a b', 'a..b', 'x'.repeat(101), 'é', 'a\\b', 'a:b']) {
      expect(() => assertSeriesName(bad), bad).toThrow(/invalid series name/);
    }
  });

  it('are derived from any directory name as a valid one (property)', () => {
    expect(seriesNameFor('My Index (v2)')).toBe('My-Index-v2');
    expect(seriesNameFor('café')).toBe('cafe');
    expect(seriesNameFor('...')).toBe('index');
    expect(seriesNameFor('')).toBe('index');
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 300 }), (name) => {
        expect(assertSeriesName(seriesNameFor(name))).toBe(seriesNameFor(name));
      }),
    );
  });
});
