/** What the hash pool (hash-workers.ts, read-hasher.ts) and hash-worker.ts say to each other. */
export type HashRequest = 
/** Hash a whole file. */
{
    op: 'file';
    id: number;
    file: string;
}
/** Keep a frame of shared memory under number `frame`, for `read`. */
 | {
    op: 'frame';
    frame: number;
    sab: SharedArrayBuffer;
}
/** Read `length` bytes of `fd` at `position` into frame `frame` at `offset`, adding them to hash `hash`. */
 | {
    op: 'read';
    id: number;
    fd: number;
    frame: number;
    offset: number;
    length: number;
    position: number;
    hash: number;
}
/** Finish hash `hash` (`digest`), or forget it (`drop`). */
 | {
    op: 'digest' | 'drop';
    id: number;
    hash: number;
};
export interface HashReply {
    id: number;
    sha256?: string;
    size?: number;
    got?: number;
    error?: {
        code?: string;
        message: string;
        syscall?: string;
    };
}
