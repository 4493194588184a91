import fs from 'node:fs/promises';
import { IntegrityError, UnsupportedError } from '../shared/errors.js';
import { protoFields } from './protobuf.js';

/** What a Lance version needs on disk, read from its manifest (lance `protos/table.proto`). */
export interface LanceVersionFiles {
  version: number;
  /** Live rows: physical rows minus deleted rows, over all fragments. */
  rows: number;
  /** Files relative to the table directory, with the size the manifest records (0 = unknown). */
  files: Map<string, number>;
  /** Index directories relative to the table directory (`_indices/<uuid>`), copied whole. */
  indexDirs: string[];
}

const U64_MAX = (1n << 64n) - 1n;

/** Version number of a `_versions/` file name: `{u64::MAX - v}.manifest` (V2 naming) or `{v}.manifest`. */
export function versionOfManifestName(name: string): number | undefined {
  const m = /^(\d+)\.manifest$/.exec(name);
  if (!m) return undefined;
  const n = BigInt(m[1]!);
  const v = n > 1n << 62n ? U64_MAX - n : n;
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
}

function uuidString(bytes: Buffer): string {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * Reads a Lance manifest file: `[u32 len][Manifest]` at the position the footer
 * `[i64 pos][u16 major][u16 minor]"LANC"` names, and the index section it points to.
 */
export async function readLanceManifest(file: string, versionFile: string): Promise<LanceVersionFiles> {
  const buf = await fs.readFile(file);
  const what = `Lance manifest ${versionFile}`;
  if (buf.length < 16 || buf.subarray(buf.length - 4).toString('latin1') !== 'LANC') throw new IntegrityError(`${what} has no LANC footer`);
  const pos = Number(buf.readBigInt64LE(buf.length - 16));
  const block = (at: number): Buffer => {
    if (at < 0 || at + 4 > buf.length) throw new IntegrityError(`${what}: section position out of range`);
    const len = buf.readUInt32LE(at);
    if (at + 4 + len > buf.length) throw new IntegrityError(`${what}: section runs past the end`);
    return buf.subarray(at + 4, at + 4 + len);
  };

  const files = new Map<string, number>();
  const indexDirs: string[] = [];
  let version = 0;
  let rows = 0;
  let indexSection: number | undefined;
  for (const f of protoFields(block(pos), what)) {
    if (f.field === 3 && f.wire === 0) version = Number(f.value);
    else if (f.field === 6 && f.wire === 0) indexSection = Number(f.value);
    // transaction_file: the commit record of this version (read by writers resolving conflicts).
    else if (f.field === 12 && f.wire === 2 && f.value.length > 0) files.set(`_transactions/${f.value.toString('utf8')}`, 0);
    else if (f.field === 18)
      throw new UnsupportedError(`${what} refers to data in other locations (a shallow clone or imported files)`, {
        hint: 'snapshot the table it was cloned from, or a deep copy',
      });
    else if (f.field === 2 && f.wire === 2) {
      // DataFragment: id = 1, files = 2, deletion_file = 3, physical_rows = 4, external row-id/version files = 6, 8, 10
      let fragId = 0n;
      let physical = 0;
      let deleted = 0;
      let deletion: { type: bigint; readVersion: bigint; id: bigint } | undefined;
      for (const g of protoFields(f.value, what)) {
        if (g.field === 1 && g.wire === 0) fragId = g.value;
        else if (g.field === 4 && g.wire === 0) physical = Number(g.value);
        else if (g.field === 2 && g.wire === 2) {
          let path = '';
          let size = 0;
          for (const d of protoFields(g.value, what)) {
            if (d.field === 1 && d.wire === 2) path = d.value.toString('utf8');
            else if (d.field === 6 && d.wire === 0) size = Number(d.value);
            else if (d.field === 7)
              throw new UnsupportedError(`${what} has a data file in another location`, { hint: 'snapshot the table it was cloned from' });
          }
          files.set(path.includes('/') ? path : `data/${path}`, size);
        } else if (g.field === 3 && g.wire === 2) {
          deletion = { type: 0n, readVersion: 0n, id: 0n };
          for (const d of protoFields(g.value, what)) {
            if (d.wire !== 0) continue;
            if (d.field === 1) deletion.type = d.value;
            else if (d.field === 2) deletion.readVersion = d.value;
            else if (d.field === 3) deletion.id = d.value;
            else if (d.field === 4) deleted = Number(d.value);
          }
        } else if ((g.field === 6 || g.field === 8 || g.field === 10) && g.wire === 2) {
          for (const d of protoFields(g.value, what)) if (d.field === 1 && d.wire === 2) files.set(d.value.toString('utf8'), 0);
        }
      }
      if (deletion) files.set(`_deletions/${fragId}-${deletion.readVersion}-${deletion.id}.${deletion.type === 1n ? 'bin' : 'arrow'}`, 0);
      rows += physical - deleted;
    }
  }
  if (indexSection !== undefined) {
    for (const f of protoFields(block(indexSection), what)) {
      if (f.field !== 1 || f.wire !== 2) continue;
      for (const g of protoFields(f.value, what)) {
        if (g.field === 1 && g.wire === 2) {
          for (const u of protoFields(g.value, what))
            if (u.field === 1 && u.wire === 2 && u.value.length === 16) indexDirs.push(`_indices/${uuidString(u.value)}`);
        } else if (g.field === 9)
          throw new UnsupportedError(`${what} has an index in another location`, { hint: 'snapshot the table it was cloned from' });
      }
    }
  }
  files.set(`_versions/${versionFile}`, buf.length);
  return { version, rows, files, indexDirs };
}
