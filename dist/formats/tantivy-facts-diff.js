const count = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
function state(facts) {
    const f = (facts ?? {});
    const segments = [];
    if (Array.isArray(f.segments)) {
        for (const s of f.segments) {
            const { id, docs } = (s ?? {});
            if (typeof id === 'string' && count(docs))
                segments.push({ id, docs });
        }
    }
    return { opstamp: count(f.opstamp) ? f.opstamp : null, docs: count(f.docs) ? f.docs : null, segments };
}
const list = (segments) => segments.map((s) => `${s.id.slice(0, 8)} (${s.docs} docs)`).join(', ');
/** Documents and opstamp before and after; segments the newer commit added, and those merged (or deleted) away. */
export function diffTantivyFacts(beforeFacts, afterFacts) {
    const b = state(beforeFacts);
    const a = state(afterFacts);
    const had = new Set(b.segments.map((s) => s.id));
    const has = new Set(a.segments.map((s) => s.id));
    const added = a.segments.filter((s) => !had.has(s.id));
    const merged = b.segments.filter((s) => !has.has(s.id));
    const lines = [
        beforeFacts === undefined
            ? `${a.docs ?? '?'} documents in ${a.segments.length} segments, opstamp ${a.opstamp ?? '?'}`
            : `documents ${b.docs ?? '?'} -> ${a.docs ?? '?'}${a.docs !== null && b.docs !== null ? ` (${a.docs - b.docs >= 0 ? '+' : ''}${a.docs - b.docs})` : ''}, opstamp ${b.opstamp ?? '?'} -> ${a.opstamp ?? '?'}`,
    ];
    if (beforeFacts !== undefined && added.length > 0)
        lines.push(`segments added: ${added.length}: ${list(added)}`);
    if (merged.length > 0)
        lines.push(`segments merged away: ${merged.length}: ${list(merged)}`);
    return {
        detail: {
            docs: { before: beforeFacts === undefined ? null : b.docs, after: a.docs },
            opstamp: { before: beforeFacts === undefined ? null : b.opstamp, after: a.opstamp },
            segmentsAdded: added,
            segmentsMergedAway: merged,
        },
        lines,
    };
}
