export const id = 16;
export const ids = [16];
export const modules = {

/***/ 46833:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ alreadyExists)
/* harmony export */ });
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(23339);

/** A conditional write lost to another writer: the object `where` names was stored first. */
function alreadyExists(where, key) {
    return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StorageError */ .aq(`${where} already exists`, { hint: 'another writer stored it first', details: { key, exists: true } });
}


/***/ }),

/***/ 23074:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DA: () => (/* binding */ readRanges)
/* harmony export */ });
/* unused harmony exports rangedDownload, collect */
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(23339);
/* harmony import */ var _shared_ordered_pool_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51630);


const RANGE_BYTES = 8 * 1024 * 1024;
/**
 * Reads a large object as consecutive ranges, several in flight and yielded in order: object
 * stores serve one connection at a fraction of the link's speed, and memory stays bounded at
 * `concurrency` ranges whatever the object's size.
 */
async function* rangedDownload(size, fetchRange, options) {
    const start = options.offset ?? 0;
    const end = Math.min(size, start + (options.length ?? size - start));
    const ranges = [];
    for (let o = start; o < end; o += options.chunk)
        ranges.push([o, Math.min(options.chunk, end - o)]);
    yield* (0,_shared_ordered_pool_js__WEBPACK_IMPORTED_MODULE_1__/* .orderedMap */ .W)(ranges, options.concurrency, ([o, n]) => fetchRange(o, n));
}
async function collect(stream) {
    const parts = [];
    for await (const c of stream)
        parts.push(Buffer.from(c));
    return Buffer.concat(parts);
}
/**
 * Serves `Store.get` for an object of `size` bytes from a function that reads one byte range as
 * a stream: whole objects as parallel ranges, a requested range likewise; a range that comes
 * back short is an error, never silently truncated data.
 */
function readRanges(size, readRange, what, options, concurrency, wrap) {
    const range = options.range;
    if (range && range.length === 0)
        return (async function* () { })();
    const fetchRange = async (offset, length) => {
        try {
            const data = await collect(await readRange(offset, length));
            if (data.length !== length)
                throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StorageError */ .aq(`short read of ${what}: ${data.length} of ${length} bytes at ${offset}`, { hint: 'run again' });
            return data;
        }
        catch (err) {
            throw wrap(err);
        }
    };
    return rangedDownload(size, fetchRange, { offset: range?.offset, length: range?.length, chunk: RANGE_BYTES, concurrency });
}


/***/ }),

/***/ 16016:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S3Store: () => (/* binding */ S3Store)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57075);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(23339);
/* harmony import */ var _already_exists_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46833);
/* harmony import */ var _shared_logger_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(22100);
/* harmony import */ var _shared_interrupt_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(23293);
/* harmony import */ var _ranged_download_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(23074);
/* harmony import */ var _optional_sdk_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(55127);
/* harmony import */ var _store_prefix_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(67230);
/* harmony import */ var _store_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(79977);









const statusOf = (err) => err?.$metadata?.httpStatusCode;
const nameOf = (err) => err?.name;
/**
 * Snapshots in an S3 bucket or an S3-compatible service. Packs stream up as parallel multipart
 * uploads (an interrupted one is aborted, so nothing partial is ever visible) and come down as
 * parallel ranged reads; manifests are written with If-None-Match so two writers cannot replace
 * each other's snapshot. The SDK retries throttling and 5xx with backoff; integrity is ours
 * (sha256 of every pack and file) plus the SDK's transfer checksums.
 */
class S3Store {
    description;
    config;
    loaded;
    bucket;
    prefix;
    partSize;
    concurrency;
    logger;
    constructor(options) {
        if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(options.bucket)) {
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ValidationError */ .yI(`invalid S3 bucket name ${JSON.stringify(options.bucket)}`, {
                hint: 'bucket names are 3–63 characters: a–z, 0–9, . and -',
            });
        }
        this.bucket = options.bucket;
        this.prefix = (0,_store_prefix_js__WEBPACK_IMPORTED_MODULE_7__/* .normalizePrefix */ .i)(options.prefix);
        this.partSize = Math.max(5 * 1024 * 1024, options.partSize ?? 16 * 1024 * 1024);
        this.concurrency = options.concurrency ?? 4;
        this.logger = options.logger ?? _shared_logger_js__WEBPACK_IMPORTED_MODULE_3__/* .silentLogger */ .q;
        this.config = {
            endpoint: options.endpoint,
            region: options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
            forcePathStyle: options.forcePathStyle,
            credentials: options.credentials,
            maxAttempts: 5,
        };
        this.description = `s3://${this.bucket}/${this.prefix}${options.endpoint ? ` at ${new URL(options.endpoint).host}` : ''}`;
    }
    /** The SDK loads on first use: importing this module must not cost its load time, nor need it installed. */
    s3() {
        return (this.loaded ??= (0,_optional_sdk_js__WEBPACK_IMPORTED_MODULE_6__/* .loadOptional */ .j)('s3', async () => {
            const [sdk, { Upload }] = await Promise.all([__webpack_require__.e(/* import() */ 711).then(__webpack_require__.t.bind(__webpack_require__, 53711, 19)), Promise.all(/* import() */[__webpack_require__.e(711), __webpack_require__.e(358)]).then(__webpack_require__.t.bind(__webpack_require__, 22358, 19))]);
            return { sdk, Upload, client: new sdk.S3Client(this.config) };
        }));
    }
    objectKey(key) {
        if (!(0,_store_js__WEBPACK_IMPORTED_MODULE_8__/* .isValidKey */ .I)(key))
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ValidationError */ .yI(`invalid store key ${JSON.stringify(key)}`);
        return this.prefix + key;
    }
    failure(what, key, err) {
        if ((0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isIndexVaultError */ .$P)(err))
            return err;
        const status = statusOf(err);
        const name = nameOf(err);
        const hint = status === 403 || name === 'AccessDenied' || name === 'CredentialsProviderError'
            ? 'check the credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the instance role) and the bucket policy'
            : name === 'NoSuchBucket'
                ? `create the bucket ${this.bucket} first, or fix the store URL`
                : 'the service failed after retries; run again, or check the endpoint';
        return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StorageError */ .aq(`cannot ${what} ${this.bucket}/${this.prefix}${key}: ${name ?? 'error'}${status ? ` (HTTP ${status})` : ''}: ${err.message}`, { cause: err, hint, details: { key, status } });
    }
    async put(key, body, options = {}) {
        const Key = this.objectKey(key);
        const { client, Upload } = await this.s3();
        let size = 0;
        const counted = node_stream__WEBPACK_IMPORTED_MODULE_0__.Readable.from((async function* () {
            for await (const c of body) {
                size += c.length;
                yield c;
            }
        })());
        const upload = new Upload({
            client,
            params: { Bucket: this.bucket, Key, Body: counted, ...(options.ifNoneMatch ? { IfNoneMatch: '*' } : {}) },
            partSize: this.partSize,
            queueSize: this.concurrency,
            // An interrupted multipart upload is aborted: no partial object, no orphaned parts.
            leavePartsOnError: false,
        });
        // Stopped by a signal: the multipart upload is aborted, so its parts do not linger unbilled-for.
        const forget = (0,_shared_interrupt_js__WEBPACK_IMPORTED_MODULE_4__/* .onStop */ .gt)(() => upload.abort());
        try {
            await upload.done();
        }
        catch (err) {
            if (statusOf(err) === 412 || nameOf(err) === 'PreconditionFailed' || statusOf(err) === 409) {
                throw (0,_already_exists_js__WEBPACK_IMPORTED_MODULE_2__/* .alreadyExists */ .B)(`${this.bucket}/${Key}`, key);
            }
            throw this.failure('upload', key, err);
        }
        finally {
            forget();
        }
        return { key, size };
    }
    async get(key, options = {}) {
        const { client, sdk } = await this.s3();
        const Key = this.objectKey(key);
        let size;
        try {
            size = Number((await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key }))).ContentLength ?? 0);
        }
        catch (err) {
            if (statusOf(err) === 404 || nameOf(err) === 'NotFound' || nameOf(err) === 'NoSuchKey') {
                throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .NotFoundError */ .m_(`no object ${this.bucket}/${Key}`, { hint: 'check the store URL and the series name', details: { key } });
            }
            throw this.failure('read', key, err);
        }
        const read = async (offset, length) => (await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key, Range: `bytes=${offset}-${offset + length - 1}` })))
            .Body;
        return (0,_ranged_download_js__WEBPACK_IMPORTED_MODULE_5__/* .readRanges */ .DA)(size, read, Key, options, this.concurrency, (err) => this.failure('read', key, err));
    }
    async list(prefix) {
        const { client, sdk } = await this.s3();
        const out = [];
        let token;
        try {
            do {
                const res = await client.send(new sdk.ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix + prefix, ContinuationToken: token }));
                for (const o of res.Contents ?? []) {
                    const key = (o.Key ?? '').slice(this.prefix.length);
                    if ((0,_store_js__WEBPACK_IMPORTED_MODULE_8__/* .isValidKey */ .I)(key))
                        out.push({ key, size: Number(o.Size ?? 0), modified: o.LastModified });
                }
                token = res.IsTruncated ? res.NextContinuationToken : undefined;
            } while (token);
        }
        catch (err) {
            throw this.failure('list', prefix, err);
        }
        return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }
    async delete(key) {
        const { client, sdk } = await this.s3();
        try {
            await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
        }
        catch (err) {
            if (statusOf(err) === 404)
                return;
            throw this.failure('delete', key, err);
        }
        this.logger.debug(`deleted ${this.bucket}/${this.prefix}${key}`);
    }
    /** Multipart uploads under the prefix that a killed writer never completed nor aborted, started before `olderThan`. */
    async sweepTemporaries(olderThan) {
        const { client, sdk } = await this.s3();
        const removed = [];
        let keyMarker;
        let uploadIdMarker;
        try {
            do {
                const res = await client.send(new sdk.ListMultipartUploadsCommand({
                    Bucket: this.bucket,
                    Prefix: this.prefix,
                    KeyMarker: keyMarker,
                    UploadIdMarker: uploadIdMarker,
                }));
                for (const u of res.Uploads ?? []) {
                    if (!u.Key || !u.UploadId || !u.Initiated || u.Initiated.getTime() >= olderThan.getTime())
                        continue;
                    await client.send(new sdk.AbortMultipartUploadCommand({ Bucket: this.bucket, Key: u.Key, UploadId: u.UploadId }));
                    removed.push(`${u.Key.slice(this.prefix.length)} (upload ${u.UploadId})`);
                }
                keyMarker = res.IsTruncated ? res.NextKeyMarker : undefined;
                uploadIdMarker = res.IsTruncated ? res.NextUploadIdMarker : undefined;
            } while (keyMarker);
        }
        catch (err) {
            // Services without the call (some S3-compatible ones), or credentials without the right to it: nothing to sweep here.
            if (statusOf(err) === 501 || statusOf(err) === 403 || nameOf(err) === 'NotImplemented') {
                this.logger.debug(`cannot list unfinished uploads in ${this.bucket}/${this.prefix} (${nameOf(err) ?? statusOf(err)}); not sweeping them`);
                return removed;
            }
            throw this.failure('list the unfinished uploads of', '', err);
        }
        return removed;
    }
    async exists(key) {
        const { client, sdk } = await this.s3();
        try {
            await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
            return true;
        }
        catch (err) {
            if (statusOf(err) === 404 || nameOf(err) === 'NotFound')
                return false;
            throw this.failure('check', key, err);
        }
    }
}


/***/ }),

/***/ 67230:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ normalizePrefix)
/* harmony export */ });
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(23339);

/** A key prefix inside a bucket or container: no leading `/`, a trailing one, no `..`. */
function normalizePrefix(prefix) {
    const p = (prefix ?? '').replace(/^\/+/, '');
    if (p === '')
        return '';
    if (p.split('/').some((s) => s === '..'))
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ValidationError */ .yI(`invalid prefix ${JSON.stringify(prefix)}`, { hint: 'use plain folder names' });
    return p.endsWith('/') ? p : `${p}/`;
}


/***/ })

};
