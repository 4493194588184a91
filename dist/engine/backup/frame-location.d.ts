import type { Location } from '../../snapshot/manifest.js';
/** Where each frame of a pack starts compressed, given their sizes in order; one more than frames: the last is the end. */
export declare function frameStartsOf(frameSizes: readonly number[]): number[];
/**
 * Where a member whose record spans raw bytes [raw, raw + span) of a pack's tar stream is, given
 * where each frame of the pack starts compressed (`frameStarts`, one more than frames: the end).
 * Every frame but the last holds exactly FRAME_BYTES raw, so the frames are found by division.
 */
export declare function locationOf(raw: number, span: number, frameStarts: readonly number[]): Omit<Location, 'pack' | 'member'>;
