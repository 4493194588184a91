/** Elements written per JSON.stringify call: a piece of a few dozen KB for manifest entries. */
const PIECE_ELEMENTS = 128;
/**
 * JSON.stringify(array) as pieces that join to exactly that text, written a slice at a time. One
 * call over 100,000 entries grows a 27 MB result through fresh memory (~0.5 s on a VM where a
 * first touch is slow); slices of a few dozen KB cost a tenth of that. JSON.stringify of an array
 * is its elements' texts joined by commas, so slicing changes no byte. A generator, so that a
 * caller can encode each piece and let its text go before the next is written.
 */
export function* jsonArrayPieces(array) {
    if (array.length <= PIECE_ELEMENTS) {
        yield JSON.stringify(array);
        return;
    }
    for (let i = 0; i < array.length; i += PIECE_ELEMENTS) {
        const text = JSON.stringify(array.slice(i, i + PIECE_ELEMENTS));
        // `[a,b` then `,c,d`, then `]`: each later slice trades its `[` for a comma.
        if (i > 0)
            yield ',';
        yield text.slice(i === 0 ? 0 : 1, -1);
    }
    yield ']';
}
/** UTF-8 bytes of a text; an ASCII one (JSON of ASCII paths is) is copied as it is, without the encoder. */
export function utf8Bytes(text) {
    return Buffer.byteLength(text) === text.length ? Buffer.from(text, 'latin1') : Buffer.from(text);
}
/** The UTF-8 bytes of pieces of text (in groups, one after the other) in one buffer, each piece encoded as it comes. */
export function bytesOfPieces(...groups) {
    return Buffer.concat(groups.flatMap((pieces) => Array.from(pieces, utf8Bytes)));
}
