// treeProblems as it was before its per-entry fast paths: the reference the differential test compares with.
import {
  linkStaysInside,
  MAX_LINK_TARGET_BYTES,
  parentOf,
  referenceComparePaths as comparePaths,
  referencePathProblem as pathProblem,
} from '../../src/snapshot/entry-path.js';
import { MAX_LINK_HOPS, TREE_LIMITS, type TreeEntry, type TreeProblem } from '../../src/snapshot/tree-rules.js';

/** One entry of the tree; every field set at construction, so all nodes share one shape. */
class Node {
  children: Map<string, Node> | undefined;
  target: string | undefined = undefined;
  /** True while its target is being resolved. */
  busy = false;
  final: Outcome | undefined = undefined;
  hops = 1;
  constructor(
    readonly type: string,
    readonly parent: Node | undefined,
    readonly depth: number,
  ) {
    this.children = type === 'dir' ? new Map() : undefined;
  }
}

/** Where a link leads: to a node of the tree, nowhere (at a lexical depth), out of it, or round a loop. */
type Outcome = { kind: 'at'; node: Node } | { kind: 'dangling'; depth: number } | { kind: 'out' } | { kind: 'loop' } | { kind: 'deep' };

/**
 * The rules every snapshot tree obeys, checked in one place by the backup (before anything is
 * stored), by every manifest read (restore, verify, incremental parents) and by scan's link
 * handling: each path safe and within the limits, byte-sorted and unique, nothing under the
 * reserved directory, every parent a listed directory, and every symlink staying inside the tree
 * when resolved the way the OS will resolve it — through the tree's own links, `..` after a link
 * taken from where the link leads. Stops after `max` problems. Linear in the total size of paths
 * and targets: each link is resolved once and remembered.
 */
export function referenceTreeProblems(entries: readonly TreeEntry[], options: { reserved?: string; max?: number } = {}): TreeProblem[] {
  const max = options.max ?? Infinity;
  const problems: TreeProblem[] = [];
  const add = (p: TreeProblem): boolean => problems.push(p) >= max;
  if (entries.length > TREE_LIMITS.maxEntries) {
    if (add({ path: '', rule: 'count', why: `more than ${TREE_LIMITS.maxEntries} entries` })) return problems;
  }
  const root = new Node('dir', undefined, 0);
  const byPath = new Map<string, Node>([['', root]]);
  const links: Array<{ path: string; node: Node }> = [];
  let prev: string | undefined;
  for (const e of entries) {
    const bad = pathProblem(e.path);
    if (bad) {
      if (add({ path: String(e.path), rule: 'path', why: bad.why, portable: bad.portable })) return problems;
      continue;
    }
    if (prev !== undefined && comparePaths(prev, e.path) >= 0) {
      if (add({ path: e.path, rule: 'order', why: 'entries not sorted or duplicated' })) return problems;
      continue;
    }
    prev = e.path;
    const reserved = options.reserved;
    if (reserved !== undefined && (e.path === reserved || e.path.startsWith(`${reserved}/`))) {
      if (add({ path: e.path, rule: 'reserved', why: `${reserved}/ is reserved for pack metadata` })) return problems;
      continue;
    }
    // Every parent must be listed as a directory: no implicit directories, nothing under a symlink.
    const parentPath = parentOf(e.path);
    const parent = byPath.get(parentPath);
    if (parent === undefined || parent.type !== 'dir') {
      if (add({ path: e.path, rule: 'parent', why: 'its parent is not a directory entry of the tree' })) return problems;
      continue;
    }
    const node = new Node(e.type, parent, parent.depth + 1);
    parent.children!.set(parentPath === '' ? e.path : e.path.slice(parentPath.length + 1), node);
    byPath.set(e.path, node);
    if (e.type === 'symlink') {
      const target = e.target;
      if (typeof target !== 'string' || target.length === 0 || Buffer.byteLength(target) > MAX_LINK_TARGET_BYTES || target.includes('\0')) {
        if (
          add({
            path: e.path,
            rule: 'link',
            why: `symlink target is empty, not text, contains NUL or is longer than ${MAX_LINK_TARGET_BYTES} bytes`,
          })
        )
          return problems;
        continue;
      }
      node.target = target;
      links.push({ path: e.path, node });
    }
  }
  for (const { path, node } of links) {
    const why = linkProblem(path, node);
    if (why && add({ path, rule: 'link', why })) return problems;
  }
  return problems;
}

/** Why a symlink may not be in the tree, or undefined. */
function linkProblem(path: string, node: Node): string | undefined {
  // Read as text first: that alone keeps absolute and climbing targets out, on every OS.
  if (!linkStaysInside(path, node.target!)) return `symlink to ${JSON.stringify(node.target)} points outside the tree`;
  const outcome = resolve(node, 0);
  if (outcome.kind === 'out') return `symlink to ${JSON.stringify(node.target)} leads outside the tree through the tree's own links`;
  if (outcome.kind === 'loop')
    return `symlink to ${JSON.stringify(node.target)} goes round a loop of links or through more than ${MAX_LINK_HOPS} links`;
  return undefined;
}

const LOOP: Outcome = { kind: 'loop' };
const OUT: Outcome = { kind: 'out' };
const DEEP: Outcome = { kind: 'deep' };

/** Where a link leads, resolved through the tree's links; remembered per link. */
function resolve(link: Node, stack: number): Outcome {
  if (link.final) return link.final;
  if (link.busy) return LOOP;
  if (stack > MAX_LINK_HOPS) return DEEP;
  link.busy = true;
  const o = follow(link, stack);
  link.busy = false;
  // A result cut short by the recursion bound is only certain for the outermost link.
  if (o === DEEP && stack > 0) return o;
  link.final = o === DEEP ? LOOP : o;
  return link.final;
}

/** Walks a link's target from the link's directory; sets link.hops to the links it passed through. */
function follow(link: Node, stack: number): Outcome {
  link.hops = 1;
  let cur: Node = link.parent!;
  // Once the path leaves what the tree holds, the rest is followed as text from this depth.
  let lexical = -1;
  let last: Node | undefined;
  const target = link.target!;
  for (let start = 0; start <= target.length;) {
    let end = target.indexOf('/', start);
    if (end < 0) end = target.length;
    const seg = target.slice(start, end);
    start = end + 1;
    if (seg === '' || seg === '.') continue;
    last = undefined;
    if (lexical >= 0) {
      if (seg !== '..') lexical++;
      else if (--lexical < 0) return OUT;
      continue;
    }
    if (seg === '..') {
      // POSIX takes `..` physically: from where the path has actually got to, links included.
      if (cur.parent === undefined) return OUT;
      cur = cur.parent;
      continue;
    }
    let child = cur.children?.get(seg);
    if (child === undefined) {
      lexical = cur.depth + 1;
      continue;
    }
    if (child.target !== undefined) {
      const o = resolve(child, stack + 1);
      if (o.kind === 'out' || o.kind === 'loop' || o.kind === 'deep') return o;
      link.hops += child.hops;
      if (link.hops > MAX_LINK_HOPS) return LOOP;
      if (o.kind === 'dangling') {
        lexical = o.depth;
        continue;
      }
      child = o.node;
    }
    if (child.type === 'dir') cur = child;
    else {
      // A file (or anything else) in the middle of a path is a dead end; followed as text after it.
      lexical = child.depth;
      last = child;
    }
  }
  if (lexical >= 0 && last === undefined) return { kind: 'dangling', depth: lexical };
  return { kind: 'at', node: last ?? cur };
}
