/**
 * An append-only list of strings held as their UTF-8 bytes in one growing buffer, with a 16-bit
 * length each and the start of every STRETCH-th: about a string's UTF-8 length plus 2 bytes,
 * where a string kept as such costs ~40 bytes more (its header and an array's slot) — tens of MB
 * for the million names some readers hold. A string UTF-8 cannot hold exactly (a lone surrogate,
 * which a forged manifest may carry) is kept as it is, aside, so no two different strings ever
 * come back as one; so is one of 64 KiB or more.
 */
export declare class Utf8List {
    private bytes;
    private used;
    private lengths;
    private starts;
    private count;
    private readonly aside;
    /** The last string read and where its bytes start: a reader going in order adds one length, not up to STRETCH. */
    private cursor;
    private cursorAt;
    /** Room for `count` strings of `bytes` UTF-8 bytes in all, when known: made once, never copied to grow. */
    constructor(count?: number, bytes?: number);
    get length(): number;
    push(s: string): void;
    /** Lets go of the room no string uses yet (a list filled once, then read): more strings may still come. */
    trim(): void;
    get(i: number): string;
}
