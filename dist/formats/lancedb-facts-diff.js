const count = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
function tables(facts) {
    const out = new Map();
    const list = facts?.tables;
    if (!Array.isArray(list))
        return out;
    for (const t of list) {
        const { table, version, rows } = (t ?? {});
        if (typeof table === 'string' && count(version) && count(rows) && !out.has(table))
            out.set(table, { version, rows });
    }
    return out;
}
// A table name comes from a manifest: no control character of it reaches a terminal or a summary.
const name = (table) => table === '' ? 'table' : `table ${/^[^\p{Cc}]{1,200}$/u.test(table) ? table : JSON.stringify(table.slice(0, 200))}`;
const signed = (n) => (n >= 0 ? `+${n}` : String(n));
/** Per table: added, removed, or its newest version and row count before and after. */
export function diffLanceFacts(beforeFacts, afterFacts) {
    const before = tables(beforeFacts);
    const after = tables(afterFacts);
    const changes = [];
    const lines = [];
    for (const t of [...new Set([...before.keys(), ...after.keys()])].sort()) {
        const b = before.get(t);
        const a = after.get(t);
        const status = !b ? 'added' : !a ? 'removed' : b.version === a.version && b.rows === a.rows ? 'unchanged' : 'changed';
        changes.push({
            table: t,
            status,
            version: { before: b?.version ?? null, after: a?.version ?? null },
            rows: { before: b?.rows ?? null, after: a?.rows ?? null },
        });
        if (a && !b)
            lines.push(`${name(t)}: added at version ${a.version}, ${a.rows} rows`);
        else if (b && !a)
            lines.push(`${name(t)}: removed (was version ${b.version}, ${b.rows} rows)`);
        else if (a && b && status === 'changed')
            lines.push(`${name(t)}: version ${b.version} -> ${a.version}, rows ${b.rows} -> ${a.rows} (${signed(a.rows - b.rows)})`);
        else if (a)
            lines.push(`${name(t)}: unchanged at version ${a.version}, ${a.rows} rows`);
    }
    return { detail: { tables: changes }, lines };
}
