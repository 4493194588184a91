import { IntegrityError } from '../shared/errors.js';
const ZSTD_MAGIC = 0xfd2fb528;
/** Largest compressed frame a reader accepts; our writer's frames are a few MiB. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;
/**
 * Cuts a stream of compressed chunks into whole zstd frames, each given as the pieces of the
 * input chunks it spans (never copied). Incremental: each input byte is looked at once.
 */
export async function* splitZstdFrames(chunks) {
    let parts = [];
    let frameLen = 0;
    // Header bytes being gathered (frame header, block header) and how many are still wanted.
    let head = Buffer.alloc(0);
    let want = 5;
    let skip = 0;
    let state = 'frameHead';
    let lastBlock = false;
    let checksum = 0;
    const take = (chunk, pos, n) => {
        const k = Math.min(n, chunk.length - pos);
        head = head.length === 0 ? chunk.subarray(pos, pos + k) : Buffer.concat([head, chunk.subarray(pos, pos + k)]);
        return k;
    };
    for await (const chunk of chunks) {
        let pos = 0;
        let frameStart = 0;
        while (pos < chunk.length) {
            if (state === 'skip') {
                const k = Math.min(skip, chunk.length - pos);
                pos += k;
                skip -= k;
            }
            else {
                const k = take(chunk, pos, want - head.length);
                pos += k;
                if (head.length < want)
                    break;
                if (state === 'frameHead') {
                    const magic = head.readUInt32LE(0);
                    if ((magic & 0xfffffff0) === 0x184d2a50) {
                        state = 'skippableSize';
                        want = 8;
                        continue;
                    }
                    if (magic !== ZSTD_MAGIC)
                        throw new IntegrityError('not a zstd frame where one should start', { hint: 'the pack is damaged' });
                    const fhd = head[4];
                    if (fhd & 0x08)
                        throw new IntegrityError('zstd frame header has the reserved bit set', { hint: 'the pack is damaged' });
                    const single = (fhd >> 5) & 1;
                    const fcsFlag = fhd >> 6;
                    checksum = (fhd >> 2) & 1 ? 4 : 0;
                    want = 5 + (single ? 0 : 1) + [0, 1, 2, 4][fhd & 3] + (fcsFlag === 0 ? single : [0, 2, 4, 8][fcsFlag]);
                    state = 'frameHeadRest';
                    continue;
                }
                if (state === 'skippableSize') {
                    skip = head.readUInt32LE(4);
                    lastBlock = true;
                    checksum = 0;
                    state = 'skip';
                }
                else if (state === 'frameHeadRest') {
                    state = 'blockHead';
                    want = 3;
                    head = Buffer.alloc(0);
                    continue;
                }
                else {
                    const bh = head[0] | (head[1] << 8) | (head[2] << 16);
                    const type = (bh >> 1) & 3;
                    if (type === 3)
                        throw new IntegrityError('zstd block of reserved type', { hint: 'the pack is damaged' });
                    lastBlock = (bh & 1) === 1;
                    skip = (type === 1 ? 1 : bh >>> 3) + (lastBlock ? checksum : 0);
                    state = 'skip';
                }
                head = Buffer.alloc(0);
            }
            if (state === 'skip' && skip === 0) {
                if (!lastBlock) {
                    state = 'blockHead';
                    want = 3;
                    continue;
                }
                parts.push(chunk.subarray(frameStart, pos));
                yield parts;
                parts = [];
                frameLen = 0;
                frameStart = pos;
                state = 'frameHead';
                want = 5;
                lastBlock = false;
            }
        }
        if (frameStart < chunk.length) {
            parts.push(chunk.subarray(frameStart));
            frameLen += chunk.length - frameStart;
            if (frameLen > MAX_FRAME_BYTES)
                throw new IntegrityError(`zstd frame larger than ${MAX_FRAME_BYTES} bytes`, { hint: 'the pack is damaged' });
        }
    }
    if (frameLen > 0 || head.length > 0) {
        throw new IntegrityError(`pack ends inside a zstd frame (${frameLen} bytes of it read)`, { hint: 'the pack is truncated' });
    }
}
