import zlib from 'node:zlib';
import { Header } from 'tar';

/** One member of a raw tar stream, with the byte ranges of its parts. */
export interface TarMember {
  /** The member's name (a pax path when there is one). */
  name: string;
  type: string;
  /** Where its header blocks start (a pax header's, when there is one) and where its data starts. */
  headerAt: number;
  dataAt: number;
  size: number;
  /** Where its padding ends: the next member starts here. */
  end: number;
}

/** Walks a raw tar stream (a decompressed pack) member by member, up to the end blocks. */
export function tarMembers(raw: Buffer): TarMember[] {
  const out: TarMember[] = [];
  let at = 0;
  let paxPath: string | undefined;
  let paxAt: number | undefined;
  while (at + 512 <= raw.length) {
    const block = raw.subarray(at, at + 512);
    if (block.every((b) => b === 0)) break;
    const h = new Header(block);
    const size = h.size ?? 0;
    const end = at + 512 + Math.ceil(size / 512) * 512;
    if (h.type === 'ExtendedHeader') {
      paxPath = /\d+ path=([^\n]*)\n/.exec(raw.subarray(at + 512, at + 512 + size).toString('utf8'))?.[1];
      paxAt = at;
    } else {
      out.push({ name: paxPath ?? h.path ?? '', type: h.type ?? '', headerAt: paxAt ?? at, dataAt: at + 512, size, end });
      paxPath = undefined;
      paxAt = undefined;
    }
    at = end;
  }
  return out;
}

/** The raw tar stream of a zstd pack. */
export function unpackZstd(pack: Buffer): Buffer {
  return zlib.zstdDecompressSync(pack);
}
