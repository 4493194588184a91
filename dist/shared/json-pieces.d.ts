/**
 * JSON.stringify(array) as pieces that join to exactly that text, written a slice at a time. One
 * call over 100,000 entries grows a 27 MB result through fresh memory (~0.5 s on a VM where a
 * first touch is slow); slices of a few dozen KB cost a tenth of that. JSON.stringify of an array
 * is its elements' texts joined by commas, so slicing changes no byte. A generator, so that a
 * caller can encode each piece and let its text go before the next is written.
 */
export declare function jsonArrayPieces(array: readonly unknown[]): Generator<string>;
/**
 * jsonArrayPieces of elements made one at a time (an iterator, not an array): only a slice of
 * them is alive at once. `write` gives a slice's JSON array text, so a caller chooses how it is
 * written and checked.
 */
export declare function jsonElementPieces<T>(elements: Iterable<T>, write: (slice: T[]) => string): Generator<string>;
/** UTF-8 bytes of a text; an ASCII one (JSON of ASCII paths is) is copied as it is, without the encoder. */
export declare function utf8Bytes(text: string): Buffer;
/** The UTF-8 bytes of pieces of text (in groups, one after the other), each piece encoded as it comes. */
export declare function bufferedPieces(...groups: Array<Iterable<string>>): Buffer[];
