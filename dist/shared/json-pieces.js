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
    yield* jsonElementPieces(array, (slice) => JSON.stringify(slice));
}
/**
 * jsonArrayPieces of elements made one at a time (an iterator, not an array): only a slice of
 * them is alive at once. `write` gives a slice's JSON array text, so a caller chooses how it is
 * written and checked.
 */
export function* jsonElementPieces(elements, write) {
    let slice = [];
    let first = true;
    const text = () => {
        // `[a,b` then `,c,d`: each slice's elements without its brackets, joined by a comma.
        const t = write(slice).slice(1, -1);
        const piece = first ? t : `,${t}`;
        first = false;
        slice = [];
        return piece;
    };
    yield '[';
    for (const e of elements) {
        slice.push(e);
        if (slice.length === PIECE_ELEMENTS)
            yield text();
    }
    if (slice.length > 0)
        yield text();
    yield ']';
}
/** UTF-8 bytes of a text; an ASCII one (JSON of ASCII paths is) is copied as it is, without the encoder. */
export function utf8Bytes(text) {
    return Buffer.byteLength(text) === text.length ? Buffer.from(text, 'latin1') : Buffer.from(text);
}
/** The UTF-8 bytes of pieces of text (in groups, one after the other), each piece encoded as it comes. */
export function bufferedPieces(...groups) {
    return groups.flatMap((pieces) => Array.from(pieces, utf8Bytes));
}
