import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FRAME_BYTES } from '../src/snapshot/codec.js';
import type { PackInfo } from '../src/snapshot/manifest.js';
import type { MemberExpectation } from '../src/snapshot/member-expectation.js';
import { planWhole, type LaneReadOptions } from '../src/engine/verify/pack-lanes.js';

/**
 * A pack as the writer lays it out, without its bytes: a descriptor, directories, file records
 * of the given spans, a listing and the end blocks, cut into frames of FRAME_BYTES raw bytes
 * whose compressed sizes are given. Each file's `loc` is computed as docs/format.md says.
 */
function layout(spans: number[], compressed: (i: number) => number, dirs = 2) {
  let raw = 1024 + dirs * 512;
  const files: Array<{ member: string; raw: number; span: number }> = spans.map((span, i) => {
    const f = { member: `f${String(i).padStart(4, '0')}`, raw, span };
    raw += span;
    return f;
  });
  const rawSize = raw + 1024 + 1024;
  const frames = Math.ceil(rawSize / FRAME_BYTES);
  const starts = [0];
  for (let i = 0; i < frames; i++) starts.push(starts[i]! + compressed(i));
  const pack: PackInfo = {
    name: 'p-000.tar.zst',
    origin: '20261102T090000000Z-0000f011',
    codec: 'zstd',
    size: starts[frames]!,
    sha256: '0'.repeat(64),
    rawSize,
  };
  const expected = new Map<string, MemberExpectation>();
  for (let d = 0; d < dirs; d++) expected.set(`d${d}`, { member: `d${d}`, type: 'dir' });
  for (const f of files) {
    const first = Math.floor(f.raw / FRAME_BYTES);
    const last = Math.floor((f.raw + f.span - 1) / FRAME_BYTES);
    expected.set(f.member, {
      member: f.member,
      type: 'file',
      size: f.span - 512,
      sha256: '0'.repeat(64),
      raw: f.raw,
      span: f.span,
      offset: starts[first]!,
      length: starts[last + 1]! - starts[first]!,
      skip: f.raw - first * FRAME_BYTES,
    });
  }
  const opts = { pack, expected, strict: true, dests: () => undefined, writeFlags: 0 } as unknown as LaneReadOptions;
  return { opts, starts, rawSize, files, frameOf: (rawPos: number) => Math.floor(rawPos / FRAME_BYTES) };
}

function plan(min: number, l: ReturnType<typeof layout>) {
  return planWhole({ ...l.opts, segmentBytes: min }, false);
}

/** Spans of records: a header plus data rounded to 512, from empty files to a few frames. */
const spans = fc.array(
  fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 6 * 2048 })).map((blocks) => blocks * 512),
  { minLength: 0, maxLength: 40 },
);

describe('cutting a pack into stretches', () => {
  it('tiles the raw stream with stretches each of which decodes from its own compressed range (property)', () => {
    fc.assert(
      fc.property(
        spans,
        fc.array(fc.integer({ min: 1, max: FRAME_BYTES }), { minLength: 1 }),
        fc.integer({ min: 1, max: 8 * FRAME_BYTES }),
        (s, sizes, min) => {
          const l = layout(s, (i) => sizes[i % sizes.length]!);
          const planned = plan(min, l);
          expect(planned.length).toBeGreaterThanOrEqual(1);
          let expectStart = 0;
          const seen = new Map<string, number>();
          planned.forEach((p, k) => {
            const last = k === planned.length - 1;
            expect(p.seg.last).toBe(last);
            expect(p.seg.windows).toHaveLength(1);
            const w = p.seg.windows[0]!;
            // Contiguous: each stretch starts where the previous ended; the last ends at rawSize.
            expect(w.start).toBe(expectStart);
            expectStart = w.end;
            if (!last) expect(w.end - w.start).toBeGreaterThanOrEqual(min);
            // Its first frame starts at `offset`, at raw position `frameRaw`, at or before the window.
            const first = l.frameOf(p.seg.frameRaw);
            expect(first * FRAME_BYTES).toBe(p.seg.frameRaw);
            expect(l.starts[first]).toBe(p.offset);
            expect(p.seg.frameRaw).toBeLessThanOrEqual(w.start);
            expect(w.start - p.seg.frameRaw).toBeLessThan(FRAME_BYTES);
            // The frame holding the window's last byte is read whole and is not left to the next stretch.
            const lastFrame = l.frameOf(w.end - 1);
            expect(l.starts[lastFrame]!).toBeLessThanOrEqual(p.lastFrameStart);
            expect(l.starts[lastFrame + 1]!).toBeLessThanOrEqual(p.end);
            expect(p.end).toBeLessThanOrEqual(l.opts.pack.size);
            if (last) {
              expect(p.end).toBe(l.opts.pack.size);
              expect(p.nextFrame).toBe(-1);
            } else {
              expect(p.nextFrame).toBe(planned[k + 1]!.offset);
              // A stretch starts at a file record (`first`), which lies in the window.
              expect(planned[k + 1]!.seg.windows[0]!.first).not.toBeNull();
            }
            for (const m of p.bucket) {
              expect(seen.has(m.member), m.member).toBe(false);
              seen.set(m.member, k);
              if (m.type === 'file') {
                expect(m.raw!).toBeGreaterThanOrEqual(w.start);
                expect(m.raw!).toBeLessThan(w.end);
              } else expect(k).toBe(0); // directories and links are in the first stretch
            }
          });
          expect(expectStart).toBe(l.rawSize);
          expect([...seen.keys()].sort()).toEqual([...l.opts.expected.keys()].sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cuts as soon as a record far enough on starts in a later frame, and only then', () => {
    fc.assert(
      fc.property(spans, fc.integer({ min: 1, max: 4 * FRAME_BYTES }), (s, min) => {
        const l = layout(s, () => 1000);
        const canCut = [...l.opts.expected.values()].some(
          (e) => e.type === 'file' && e.raw! >= min && e.offset! > 0 && e.raw! - e.skip! > 0,
        );
        expect(plan(min, l).length > 1).toBe(canCut);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a small pack, or one whose records all share the first frame, as one stretch', () => {
    const small = layout([1024, 512, 2048], () => 50);
    expect(plan(1, small)).toHaveLength(1);
    // Two records a frame apart, the stretch minimum at one byte: cut at the second frame.
    const two = layout([FRAME_BYTES, 1024], () => 100);
    const planned = plan(1, two);
    expect(planned.map((p) => [p.offset, p.end, p.seg.frameRaw, p.seg.windows[0]!.start])).toEqual([
      [0, 200, 0, 0],
      [100, 200, FRAME_BYTES, two.files[1]!.raw],
    ]);
  });
});
