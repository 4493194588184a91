import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PackedChunks } from '../src/engine/packed-chunks.js';

const MiB = 1024 * 1024;

describe('PackedChunks', () => {
  it('gives back the bytes and texts pushed, in order, around a hole filled later, as often as asked', () => {
    const packed = new PackedChunks();
    const plain: Buffer[] = [];
    const text = Buffer.from('{"path":"a/b/c.txt","sha256":"' + 'ab'.repeat(32) + '"},');
    let hole = -1;
    let holeAt = -1;
    // Pieces of every size, across several MiB boundaries, some larger than a MiB, one incompressible.
    const sizes = [0, 1, 7, 4096, MiB - 3, 5, 2 * MiB + 11, 100, MiB, 3];
    for (const [i, n] of sizes.entries()) {
      if (i === 4) {
        hole = packed.hole();
        holeAt = plain.push(Buffer.alloc(0)) - 1;
      }
      const b = i === 6 ? randomBytes(n) : Buffer.alloc(n, text);
      packed.push(b);
      plain.push(Buffer.from(b));
      b.fill(0); // the caller may reuse what it pushed
      // Texts too: multi-byte characters, one that fills no piece, one longer than a piece.
      for (const t of ['', 'é✓𝄞'.repeat(i * 1000), i === 7 ? 'x'.repeat(MiB + 1) : 'y']) {
        const bytes = Buffer.from(t);
        expect(packed.text(t).equals(bytes)).toBe(true);
        plain.push(bytes);
      }
    }
    const late = Buffer.from('"digest":"sha256:x",');
    packed.fill(hole, late);
    plain[holeAt] = late;
    const want = Buffer.concat(plain);
    expect(packed.size).toBe(want.length);
    for (let round = 0; round < 2; round++) {
      // Each piece copied as it comes: its memory is the next one's.
      const got = Array.from(packed, (b) => Buffer.from(b));
      expect(Buffer.concat(got).equals(want)).toBe(true);
      // Never more than a piece decompressed at a time.
      expect(Math.max(...got.map((b) => b.length))).toBeLessThanOrEqual(MiB);
    }
    expect(packed.bytes().equals(want)).toBe(true);
  });

  it('holds compressible text in a fraction of its size', () => {
    const packed = new PackedChunks();
    const line = Buffer.from('{"exec":false,"loc":{"length":41234,"offset":1048576,"pack":0},"path":"docs/0001/file-000123.txt"},');
    for (let i = 0; i < 60_000; i++) packed.push(line);
    expect(packed.bytes().equals(Buffer.concat(Array.from({ length: 60_000 }, () => line)))).toBe(true);
    // What it keeps between reads: its compressed parts.
    const parts = (packed as unknown as { parts: Array<{ z?: Buffer }> }).parts;
    const kept = parts.reduce((n, p) => n + (p.z?.length ?? 0), 0);
    expect(kept).toBeLessThan(packed.size / 4);
  });

  it('refuses to fill a place that is not an empty hole', () => {
    const packed = new PackedChunks();
    packed.push(Buffer.from('abc'));
    const hole = packed.hole();
    packed.fill(hole, Buffer.from('x'));
    expect(() => packed.fill(hole, Buffer.from('y'))).toThrow(/no empty hole/);
    expect(() => packed.fill(0, Buffer.from('y'))).toThrow(/no empty hole/);
  });
});
