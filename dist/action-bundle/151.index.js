export const id = 151;
export const ids = [151];
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

/***/ 22151:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AzureBlobStore: () => (/* binding */ AzureBlobStore)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57075);
/* harmony import */ var _optional_sdk_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(55127);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(23339);
/* harmony import */ var _already_exists_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(46833);
/* harmony import */ var _shared_interrupt_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(23293);
/* harmony import */ var _shared_logger_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(22100);
/* harmony import */ var _ranged_download_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(23074);
/* harmony import */ var _store_prefix_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(67230);
/* harmony import */ var _store_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(79977);









const statusOf = (err) => err?.statusCode;
const codeOf = (err) => err?.details?.errorCode ?? err?.code;
/**
 * Snapshots in an Azure Blob Storage container. A blob becomes visible only when its block list
 * is committed, so an interrupted upload leaves nothing; manifests are committed with
 * If-None-Match: * so two writers cannot replace each other's snapshot. Large blobs are read as
 * parallel ranges.
 */
class AzureBlobStore {
    description;
    open;
    container;
    prefix;
    blockSize;
    concurrency;
    logger;
    constructor(options) {
        if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(options.container)) {
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ValidationError */ .yI(`invalid Azure container name ${JSON.stringify(options.container)}`, {
                hint: 'container names are 3–63 characters: a–z, 0–9 and single hyphens',
            });
        }
        this.prefix = (0,_store_prefix_js__WEBPACK_IMPORTED_MODULE_7__/* .normalizePrefix */ .i)(options.prefix);
        this.blockSize = options.blockSize ?? 8 * 1024 * 1024;
        this.concurrency = options.concurrency ?? 4;
        this.logger = options.logger ?? _shared_logger_js__WEBPACK_IMPORTED_MODULE_5__/* .silentLogger */ .q;
        // The SDK loads on first use: importing this module must not cost its load time, nor need it installed.
        const sdk = () => (0,_optional_sdk_js__WEBPACK_IMPORTED_MODULE_1__/* .loadOptional */ .j)('azure', () => Promise.all(/* import() */[__webpack_require__.e(941), __webpack_require__.e(747)]).then(__webpack_require__.bind(__webpack_require__, 43747)));
        const { containerSasUrl, connectionString, account } = options;
        if (containerSasUrl)
            this.open = async () => new (await sdk()).ContainerClient(containerSasUrl);
        else if (connectionString)
            this.open = async () => (await sdk()).BlobServiceClient.fromConnectionString(connectionString).getContainerClient(options.container);
        else if (account)
            this.open = async () => new (await sdk()).BlobServiceClient(account.url, account.credential).getContainerClient(options.container);
        else {
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ValidationError */ .yI('the azure store needs credentials', {
                hint: 'set AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_SAS_URL (a container URL with a SAS token)',
            });
        }
        this.description = `azure://${options.container}/${this.prefix}`;
    }
    client() {
        return (this.container ??= this.open());
    }
    async blob(key) {
        if (!(0,_store_js__WEBPACK_IMPORTED_MODULE_8__/* .isValidKey */ .I)(key))
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ValidationError */ .yI(`invalid store key ${JSON.stringify(key)}`);
        return (await this.client()).getBlockBlobClient(this.prefix + key);
    }
    failure(what, key, err) {
        if ((0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isIndexVaultError */ .$P)(err))
            return err;
        const status = statusOf(err);
        const code = codeOf(err);
        const hint = status === 403 || code === 'AuthenticationFailed' || code === 'AuthorizationFailure'
            ? 'check the connection string or SAS token (its permissions and expiry)'
            : code === 'ContainerNotFound'
                ? 'create the container first, or fix the store URL'
                : 'the service failed after retries; run again';
        return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .StorageError */ .aq(`cannot ${what} ${this.prefix}${key}: ${code ?? 'error'}${status ? ` (HTTP ${status})` : ''}: ${err.message?.split('\n')[0]}`, { cause: err, hint, details: { key, status } });
    }
    async put(key, body, options = {}) {
        const client = await this.blob(key);
        let size = 0;
        const counted = node_stream__WEBPACK_IMPORTED_MODULE_0__.Readable.from((async function* () {
            for await (const c of body) {
                size += c.length;
                yield Buffer.from(c);
            }
        })());
        // Stopped by a signal: the upload stops. Its uncommitted blocks are never visible, and the
        // service discards them within a week by itself: there is nothing for a sweep to remove.
        const stop = new AbortController();
        const forget = (0,_shared_interrupt_js__WEBPACK_IMPORTED_MODULE_4__/* .onStop */ .gt)(() => stop.abort());
        try {
            await client.uploadStream(counted, this.blockSize, this.concurrency, {
                conditions: options.ifNoneMatch ? { ifNoneMatch: '*' } : undefined,
                abortSignal: stop.signal,
            });
        }
        catch (err) {
            if (statusOf(err) === 409 || statusOf(err) === 412) {
                throw (0,_already_exists_js__WEBPACK_IMPORTED_MODULE_3__/* .alreadyExists */ .B)(`${this.prefix}${key}`, key);
            }
            throw this.failure('upload', key, err);
        }
        finally {
            forget();
        }
        return { key, size };
    }
    async get(key, options = {}) {
        const client = await this.blob(key);
        let size;
        try {
            size = Number((await client.getProperties()).contentLength ?? 0);
        }
        catch (err) {
            if (statusOf(err) === 404)
                throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .NotFoundError */ .m_(`no blob ${this.prefix}${key} in ${this.description}`, {
                    hint: 'check the store URL and the series name',
                    details: { key },
                });
            throw this.failure('read', key, err);
        }
        const read = async (offset, length) => (await client.download(offset, length)).readableStreamBody;
        return (0,_ranged_download_js__WEBPACK_IMPORTED_MODULE_6__/* .readRanges */ .DA)(size, read, `${this.prefix}${key}`, options, this.concurrency, (err) => this.failure('read', key, err));
    }
    async list(prefix) {
        const out = [];
        try {
            for await (const b of (await this.client()).listBlobsFlat({ prefix: this.prefix + prefix })) {
                const key = b.name.slice(this.prefix.length);
                if ((0,_store_js__WEBPACK_IMPORTED_MODULE_8__/* .isValidKey */ .I)(key))
                    out.push({ key, size: Number(b.properties.contentLength ?? 0), modified: b.properties.lastModified });
            }
        }
        catch (err) {
            throw this.failure('list', prefix, err);
        }
        return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }
    async delete(key) {
        try {
            await (await this.blob(key)).deleteIfExists();
        }
        catch (err) {
            throw this.failure('delete', key, err);
        }
        this.logger.debug(`deleted ${this.prefix}${key}`);
    }
    async exists(key) {
        try {
            return await (await this.blob(key)).exists();
        }
        catch (err) {
            throw this.failure('check', key, err);
        }
    }
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
