import { IntegrityError } from '../../shared/errors.js';
import type { EntryTable } from '../../snapshot/entry-table.js';
import type { ManifestHead } from '../../snapshot/manifest-stream.js';
import type { Store } from '../../storage/store.js';
import { StampTable } from '../../fs-safety/stamp-table.js';
import { LanePool } from '../../workers/lane-pool.js';
import { onStop } from '../../shared/interrupt.js';
import type { LaneDest } from '../../workers/lane-protocol.js';
import { packKey } from '../series.js';
import { rowPackExpectations } from '../verify/expectations.js';
import { readPacksInLanes, type LaneReadOptions, type PackRun } from '../verify/pack-lanes.js';

export interface FetchOptions {
  store: Store;
  staging: string;
  umask: number;
  writeFlags: number;
  /** The mode a file's row is restored with. */
  modeOf: (row: number) => number;
  segmentBytes?: number;
  progress: (n: number, f?: number) => void;
  /** Keep the stamps the lanes take of the files they write (for the hash cache). */
  stamps: boolean;
}

export interface Fetched {
  fetchedBytes: number;
  stretches: number;
  laneCount: number;
  /** The stamps the lanes took, and each row's in it (-1: none), when asked for. */
  stamps?: StampTable;
  stampRows?: Int32Array;
}

/**
 * Restores every file of `fileRows` not `done` already from its pack, all packs through the same
 * lanes, each read whole or in the runs of frames holding wanted files; every wanted file must be
 * found. A pack's expectations and wanted members are made when the lanes reach it and let go of
 * once it is read: by rows of the table, so a million files hold no object each.
 */
export async function fetchFromPacks(
  head: ManifestHead,
  table: EntryTable,
  fileRows: Int32Array,
  done: Uint8Array,
  how: FetchOptions,
): Promise<Fetched> {
  const packCount = head.packs.length;
  // Every file of a pack is listed in its expectations; only the wanted ones are written.
  const all = rowsByPack(table, packCount, table.length, (r) => (table.isFile(r) ? r : -1));
  const wanted = rowsByPack(table, packCount, fileRows.length, (k) => (done[k] ? -1 : fileRows[k]!));
  const firstOwn = head.packs.findIndex((p) => p.origin === head.id);
  let treeRows: number[] | undefined;
  const tree = () => {
    if (treeRows === undefined) {
      treeRows = [];
      for (let r = 0; r < table.length; r++) if (!table.isFile(r)) treeRows.push(r);
    }
    return treeRows;
  };

  const stamps = how.stamps ? new StampTable(fileRows.length) : undefined;
  const stampRows = how.stamps ? new Int32Array(table.length).fill(-1) : undefined;
  const onStamps =
    stamps &&
    ((stamped: readonly LaneDest[], values: BigInt64Array) => {
      for (let j = 0; j < stamped.length; j++) {
        if (values[4 * j]! < 0n) continue;
        stampRows![stamped[j]!.row!] = stamps.addFrom(values, 4 * j);
      }
    });
  const dest = (r: number): LaneDest => ({ rel: table.path(r), mode: how.modeOf(r), mtimeMs: table.mtimeMs(r), row: r });

  let left = 0;
  let missing: string | undefined;
  const lanes = new LanePool();
  // Stopped by a signal: the lanes stop before the staging directory's removal (registered
  // earlier, so undone later) begins, so nothing writes into it once that removal starts.
  const forgetLanes = onStop(() => lanes.close());
  function* packsToRead(): Generator<LaneReadOptions> {
    for (let i = 0; i < packCount; i++) {
      if (wanted[i]!.length === 0) continue;
      const pack = head.packs[i]!;
      const expected = rowPackExpectations(head, table, i, all[i]!, i === firstOwn ? tree() : undefined);
      // Which rows each member feeds: a list only when several paths share one stored content.
      const feeds = new Map<string, number | number[]>();
      let wantedBytes = 0;
      for (const r of wanted[i]!) {
        const member = table.member(r);
        const f = feeds.get(member);
        if (f === undefined) {
          feeds.set(member, r);
          wantedBytes += table.locLength(r);
        } else if (typeof f === 'number') feeds.set(member, [f, r]);
        else f.push(r);
      }
      // Most of the pack needed: read it whole; otherwise only the runs of frames that hold wanted files.
      const whole = wantedBytes >= pack.size / 2;
      yield {
        store: how.store,
        key: packKey(head.series, pack.name),
        pack,
        expected,
        strict: whole && pack.origin === head.id,
        dests: (member) => {
          const f = feeds.get(member);
          return f === undefined ? undefined : typeof f === 'number' ? [dest(f)] : f.map(dest);
        },
        runs: whole ? undefined : coalesce(table, Array.from(feeds.values(), firstRow)),
        lanes,
        writeFlags: how.writeFlags,
        root: how.staging,
        umask: how.umask,
        onStamps,
        // What is written is crossed off: whatever is left once the pack is read was not found.
        onWritten: (member) => feeds.delete(member),
        onDone: () => {
          left += feeds.size;
          for (const f of feeds.values()) missing ??= table.path(firstRow(f));
        },
        segmentBytes: how.segmentBytes,
        onBytes: (n) => how.progress(n),
        onFiles: (n) => how.progress(0, n),
      };
    }
  }
  let fetchedBytes = 0;
  let stretches = 0;
  try {
    for (const r of await readPacksInLanes(packsToRead())) {
      fetchedBytes += r.fetched;
      stretches += r.segments;
    }
  } finally {
    // Stops every lane before a failed restore removes its staging directory.
    await lanes.close();
    forgetLanes();
  }
  if (left > 0) {
    throw new IntegrityError(`${left} file(s) were not found in their packs, e.g. ${missing}`, {
      hint: 'the store is damaged; verify its snapshots to see which are sound',
      details: { remedy: 'verify' },
    });
  }
  return { fetchedBytes, stretches, laneCount: lanes.size, stamps, stampRows };
}

const firstRow = (f: number | number[]): number => (typeof f === 'number' ? f : f[0]!);

/** The file rows `rowOf(0 … n-1)` gives (-1: none), by pack, each in the order given. */
function rowsByPack(table: EntryTable, packCount: number, n: number, rowOf: (k: number) => number): Int32Array[] {
  const count = new Int32Array(packCount);
  for (let k = 0; k < n; k++) {
    const r = rowOf(k);
    if (r >= 0) count[table.pack(r)]!++;
  }
  const out = Array.from(count, (c) => new Int32Array(c));
  const filled = new Int32Array(packCount);
  for (let k = 0; k < n; k++) {
    const r = rowOf(k);
    if (r < 0) continue;
    const p = table.pack(r);
    out[p]![filled[p]!++] = r;
  }
  return out;
}

/** Groups members (rows) whose frame ranges touch into single ranged reads. */
function coalesce(table: EntryTable, rows: number[]): PackRun[] {
  const sorted = rows.sort((a, b) => table.raw(a) - table.raw(b));
  const runs: PackRun[] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    const [offset, length, raw, span] = [table.offset(r), table.locLength(r), table.raw(r), table.span(r)];
    const end = offset + length;
    if (last && offset <= last.offset + last.length) {
      last.length = Math.max(last.length, end - last.offset);
      last.windows.push([raw, raw + span]);
    } else {
      runs.push({ offset, length, base: raw - table.skip(r), windows: [[raw, raw + span]] });
    }
  }
  return runs;
}
