import type { Entry } from './manifest.js';
/**
 * A piece of a manifest's entries read straight from its bytes, for the shapes index-vault
 * writes: a file, a directory or a symlink entry whose keys, numbers and strings are each in the
 * one spelling the canonical form allows and that needs no escape. What it returns is what
 * JSON.parse makes of the same bytes (the same keys, in the same order, the same values), and it
 * returns only for a text the canonical match accepts: each byte is checked against the one
 * canonical spelling of the value it makes. Anything else — an escape in a string, a number with
 * a fraction or more than 15 digits, another key or order, a shared member name — answers
 * undefined, and the piece is parsed and matched the general way (manifest-stream.ts). It spares
 * the general way's text, its parse tree and its walk of both: a third of a reader's time at
 * 100,000 entries.
 */
export declare function scanEntries(buf: Buffer, from: number, to: number): Entry[] | undefined;
