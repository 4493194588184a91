import { h as StorageError, i as orderedMap, y as ValidationError } from "./optional-sdk-DbrghY_K.js";
// .bundle-in/storage/already-exists.js
/** A conditional write lost to another writer: the object `where` names was stored first. */
function alreadyExists(where, key) {
	return new StorageError(`${where} already exists`, {
		hint: "another writer stored it first",
		details: {
			key,
			exists: true
		}
	});
}
// .bundle-in/storage/ranged-download.js
const RANGE_BYTES = 8388608;
/**
* Reads a large object as consecutive ranges, several in flight and yielded in order: object
* stores serve one connection at a fraction of the link's speed, and memory stays bounded at
* `concurrency` ranges whatever the object's size.
*/
async function* rangedDownload(size, fetchRange, options) {
	const start = options.offset ?? 0;
	const end = Math.min(size, start + (options.length ?? size - start));
	const ranges = [];
	for (let o = start; o < end; o += options.chunk) ranges.push([o, Math.min(options.chunk, end - o)]);
	yield* orderedMap(ranges, options.concurrency, ([o, n]) => fetchRange(o, n));
}
async function collect(stream) {
	const parts = [];
	for await (const c of stream) parts.push(Buffer.from(c));
	return Buffer.concat(parts);
}
/**
* Serves `Store.get` for an object of `size` bytes from a function that reads one byte range as
* a stream: whole objects as parallel ranges, a requested range likewise; a range that comes
* back short is an error, never silently truncated data.
*/
function readRanges(size, readRange, what, options, concurrency, wrap) {
	const range = options.range;
	if (range && range.length === 0) return (async function* () {})();
	const fetchRange = async (offset, length) => {
		try {
			const data = await collect(await readRange(offset, length));
			if (data.length !== length) throw new StorageError(`short read of ${what}: ${data.length} of ${length} bytes at ${offset}`, { hint: "run again" });
			return data;
		} catch (err) {
			throw wrap(err);
		}
	};
	return rangedDownload(size, fetchRange, {
		offset: range?.offset,
		length: range?.length,
		chunk: RANGE_BYTES,
		concurrency
	});
}
// .bundle-in/storage/store-prefix.js
/** A key prefix inside a bucket or container: no leading `/`, a trailing one, no `..`. */
function normalizePrefix(prefix) {
	const p = (prefix ?? "").replace(/^\/+/, "");
	if (p === "") return "";
	if (p.split("/").some((s) => s === "..")) throw new ValidationError(`invalid prefix ${JSON.stringify(prefix)}`, { hint: "use plain folder names" });
	return p.endsWith("/") ? p : `${p}/`;
}
export { readRanges as n, alreadyExists as r, normalizePrefix as t };
