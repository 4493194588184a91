import { FRAME_BYTES } from '../../snapshot/codec.js';
import type { Location } from '../../snapshot/manifest.js';

/** Where each frame of a pack starts compressed, given their sizes in order; one more than frames: the last is the end. */
export function frameStartsOf(frameSizes: readonly number[]): number[] {
  const starts = [0];
  for (const s of frameSizes) starts.push(starts[starts.length - 1]! + s);
  return starts;
}

/**
 * Where a member whose record spans raw bytes [raw, raw + span) of a pack's tar stream is, given
 * where each frame of the pack starts compressed (`frameStarts`, one more than frames: the end).
 * Every frame but the last holds exactly FRAME_BYTES raw, so the frames are found by division.
 */
export function locationOf(raw: number, span: number, frameStarts: readonly number[]): Omit<Location, 'pack' | 'member'> {
  const first = Math.floor(raw / FRAME_BYTES);
  const last = Math.floor((raw + span - 1) / FRAME_BYTES);
  return {
    length: frameStarts[last + 1]! - frameStarts[first]!,
    offset: frameStarts[first]!,
    raw,
    skip: raw - first * FRAME_BYTES,
    span,
  };
}
