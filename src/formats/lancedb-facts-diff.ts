/** A table as the facts record it, when the record is well formed. */
interface TableState {
  version: number;
  rows: number;
}

export interface LanceTableChange {
  /** `""` for a snapshot of one table directory. */
  table: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  version: { before: number | null; after: number | null };
  rows: { before: number | null; after: number | null };
}

const count = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function tables(facts: unknown): Map<string, TableState> {
  const out = new Map<string, TableState>();
  const list = (facts as { tables?: unknown } | null | undefined)?.tables;
  if (!Array.isArray(list)) return out;
  for (const t of list) {
    const { table, version, rows } = (t ?? {}) as Record<string, unknown>;
    if (typeof table === 'string' && count(version) && count(rows) && !out.has(table)) out.set(table, { version, rows });
  }
  return out;
}

// A table name comes from a manifest: no control character of it reaches a terminal or a summary.
const name = (table: string) =>
  table === '' ? 'table' : `table ${/^[^\p{Cc}]{1,200}$/u.test(table) ? table : JSON.stringify(table.slice(0, 200))}`;
const signed = (n: number) => (n >= 0 ? `+${n}` : String(n));

/** Per table: added, removed, or its newest version and row count before and after. */
export function diffLanceFacts(beforeFacts: unknown, afterFacts: unknown): { detail: { tables: LanceTableChange[] }; lines: string[] } {
  const before = tables(beforeFacts);
  const after = tables(afterFacts);
  const changes: LanceTableChange[] = [];
  const lines: string[] = [];
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
    if (a && !b) lines.push(`${name(t)}: added at version ${a.version}, ${a.rows} rows`);
    else if (b && !a) lines.push(`${name(t)}: removed (was version ${b.version}, ${b.rows} rows)`);
    else if (a && b && status === 'changed')
      lines.push(`${name(t)}: version ${b.version} -> ${a.version}, rows ${b.rows} -> ${a.rows} (${signed(a.rows - b.rows)})`);
    else if (a) lines.push(`${name(t)}: unchanged at version ${a.version}, ${a.rows} rows`);
  }
  return { detail: { tables: changes }, lines };
}
