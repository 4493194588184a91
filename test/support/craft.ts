import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { Header, Pax, type HeaderData } from 'tar';
import {
  FORMAT_VERSION,
  MANIFEST_FORMAT,
  canonicalJson,
  manifestDigest,
  type Entry,
  type ManifestBody,
} from '../../src/snapshot/manifest.js';
import { newSnapshotId } from '../../src/snapshot/snapshot-id.js';
import type { LocalStore } from '../../src/storage/local-store.js';

/** One raw tar record, headers encoded by node-tar exactly as an attacker's tool could. */
export function record(data: HeaderData & { body?: Buffer; paxPath?: string }): Buffer {
  const { body = Buffer.alloc(0), paxPath, ...h } = data;
  const block = Buffer.alloc(512);
  new Header({ mode: 0o644, uid: 0, gid: 0, mtime: new Date(0), size: body.length, ...h }).encode(block, 0);
  const parts = [block, body, Buffer.alloc((512 - (body.length % 512)) % 512)];
  if (paxPath !== undefined) parts.unshift(new Pax({ path: paxPath }).encode());
  return Buffer.concat(parts);
}

export const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

export type CraftEntry =
  | { path: string; type: 'dir' }
  | { path: string; type: 'symlink'; target: string }
  | { path: string; type: 'file'; content?: Buffer | string; size?: number; sha256?: string };

/**
 * Writes a snapshot whose manifest and pack say whatever the test wants: a well-formed manifest
 * (correct digest) over a pack of arbitrary records. Returns the snapshot id.
 */
export async function craftSnapshot(
  store: LocalStore,
  series: string,
  opts: {
    entries: CraftEntry[];
    records: Buffer[];
    rawSize?: number;
    compressed?: Buffer;
    origin?: string;
    skipEnd?: boolean;
    /** Changes the manifest body before its digest is computed (a forger recomputes every digest). */
    mutate?: (body: Record<string, unknown>) => void;
    /** Text put in place of the JSON string `"@@RAW@@"` in the body, digest computed over the result. */
    raw?: string;
    /** Leave the entries in the order given (to forge unsorted or duplicated entries). */
    unsorted?: boolean;
  },
): Promise<string> {
  const id = newSnapshotId();
  const tarBytes = Buffer.concat([...opts.records, opts.skipEnd ? Buffer.alloc(0) : Buffer.alloc(1024)]);
  const packBytes = opts.compressed ?? zlib.zstdCompressSync(tarBytes);
  const origin = opts.origin ?? id;
  const packName = `${origin}-000.tar.zst`;
  const rawSize = opts.rawSize ?? tarBytes.length;
  const sorted = opts.unsorted ? opts.entries : [...opts.entries].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  // Where each file's record starts, as a writer's manifest would say (0 when no record names it).
  const starts = new Map<string, number>();
  let at = 0;
  for (const r of opts.records) {
    const name = new Header(r.subarray(0, 512)).path;
    if (name !== undefined && !starts.has(name)) starts.set(name, at);
    at += r.length;
  }
  const entries: Entry[] = sorted.map((e) => {
    if (e.type !== 'file') return { ...e, mtimeMs: 0, ...(e.type === 'dir' ? { mode: 0o755 } : {}) } as Entry;
    const content = Buffer.from(e.content ?? '');
    return {
      path: e.path,
      type: 'file',
      size: e.size ?? content.length,
      exec: false,
      mode: 0o644,
      mtimeMs: 0,
      sha256: e.sha256 ?? sha(content),
      loc: {
        pack: 0,
        offset: 0,
        length: packBytes.length,
        raw: starts.get(e.path) ?? 0,
        skip: starts.get(e.path) ?? 0,
        span: rawSize - (starts.get(e.path) ?? 0),
      },
    };
  });
  const body: ManifestBody = {
    format: MANIFEST_FORMAT,
    formatVersion: FORMAT_VERSION,
    tool: 'crafted',
    id,
    series,
    kind: 'full',
    parent: null,
    depth: 0,
    createdAt: new Date().toISOString(),
    source: { name: series, format: 'dir', platform: 'linux' },
    packs: [{ name: packName, origin, codec: 'zstd', size: packBytes.length, sha256: sha(packBytes), rawSize }],
    entries,
    totals: {
      files: entries.filter((e) => e.type === 'file').length,
      dirs: entries.filter((e) => e.type === 'dir').length,
      symlinks: entries.filter((e) => e.type === 'symlink').length,
      bytes: entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0),
      packedBytes: packBytes.length,
      storedBytes: packBytes.length,
    },
  };
  opts.mutate?.(body as unknown as Record<string, unknown>);
  const dir = path.join(store.root, series);
  await fs.mkdir(path.join(dir, 'packs'), { recursive: true });
  await fs.mkdir(path.join(dir, 'snapshots'), { recursive: true });
  await fs.writeFile(path.join(dir, 'packs', packName), packBytes);
  const raw = (text: string) => (opts.raw === undefined ? text : text.replace('"@@RAW@@"', opts.raw));
  const digest = `sha256:${sha(raw(canonicalJson(body)))}`;
  const text = opts.raw === undefined ? canonicalJson({ ...body, digest: manifestDigest(body) }) : raw(canonicalJson({ ...body, digest }));
  await fs.writeFile(path.join(dir, 'snapshots', `${id}.json`), text + '\n');
  return id;
}
