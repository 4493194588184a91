import { S as isIndexVaultError, d as NotFoundError, h as StorageError, n as isValidKey, r as silentLogger, t as loadOptional, y as ValidationError } from "./optional-sdk-DbrghY_K.js";
import { n as readRanges, r as alreadyExists, t as normalizePrefix } from "./store-prefix-Ltc5Qwro.js";
import { n as onStop } from "./interrupt-DflhDiOt.js";
import { Readable } from "node:stream";
// .bundle-in/storage/azure-blob-store.js
const statusOf = (err) => err?.statusCode;
const codeOf = (err) => err?.details?.errorCode ?? err?.code;
/**
* Snapshots in an Azure Blob Storage container. A blob becomes visible only when its block list
* is committed, so an interrupted upload leaves nothing; manifests are committed with
* If-None-Match: * so two writers cannot replace each other's snapshot. Large blobs are read as
* parallel ranges.
*/
var AzureBlobStore = class {
	description;
	open;
	container;
	prefix;
	blockSize;
	concurrency;
	logger;
	constructor(options) {
		if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(options.container)) throw new ValidationError(`invalid Azure container name ${JSON.stringify(options.container)}`, { hint: "container names are 3–63 characters: a–z, 0–9 and single hyphens" });
		this.prefix = normalizePrefix(options.prefix);
		this.blockSize = options.blockSize ?? 8388608;
		this.concurrency = options.concurrency ?? 4;
		this.logger = options.logger ?? silentLogger;
		const sdk = () => loadOptional("azure", () => import("@azure/storage-blob"));
		const { containerSasUrl, connectionString, account } = options;
		if (containerSasUrl) this.open = async () => new (await (sdk())).ContainerClient(containerSasUrl);
		else if (connectionString) this.open = async () => (await sdk()).BlobServiceClient.fromConnectionString(connectionString).getContainerClient(options.container);
		else if (account) this.open = async () => new (await (sdk())).BlobServiceClient(account.url, account.credential).getContainerClient(options.container);
		else throw new ValidationError("the azure store needs credentials", { hint: "set AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_SAS_URL (a container URL with a SAS token)" });
		this.description = `azure://${options.container}/${this.prefix}`;
	}
	client() {
		return this.container ??= this.open();
	}
	async blob(key) {
		if (!isValidKey(key)) throw new ValidationError(`invalid store key ${JSON.stringify(key)}`);
		return (await this.client()).getBlockBlobClient(this.prefix + key);
	}
	failure(what, key, err) {
		if (isIndexVaultError(err)) return err;
		const status = statusOf(err);
		const code = codeOf(err);
		const hint = status === 403 || code === "AuthenticationFailed" || code === "AuthorizationFailure" ? "check the connection string or SAS token (its permissions and expiry)" : code === "ContainerNotFound" ? "create the container first, or fix the store URL" : "the service failed after retries; run again";
		return new StorageError(`cannot ${what} ${this.prefix}${key}: ${code ?? "error"}${status ? ` (HTTP ${status})` : ""}: ${err.message?.split("\n")[0]}`, {
			cause: err,
			hint,
			details: {
				key,
				status
			}
		});
	}
	async put(key, body, options = {}) {
		const client = await this.blob(key);
		let size = 0;
		const counted = Readable.from((async function* () {
			for await (const c of body) {
				size += c.length;
				yield Buffer.from(c);
			}
		})());
		const stop = new AbortController();
		const forget = onStop(() => stop.abort());
		try {
			await client.uploadStream(counted, this.blockSize, this.concurrency, {
				conditions: options.ifNoneMatch ? { ifNoneMatch: "*" } : void 0,
				abortSignal: stop.signal
			});
		} catch (err) {
			if (statusOf(err) === 409 || statusOf(err) === 412) throw alreadyExists(`${this.prefix}${key}`, key);
			throw this.failure("upload", key, err);
		} finally {
			forget();
		}
		return {
			key,
			size
		};
	}
	async get(key, options = {}) {
		const client = await this.blob(key);
		let size;
		try {
			size = Number((await client.getProperties()).contentLength ?? 0);
		} catch (err) {
			if (statusOf(err) === 404) throw new NotFoundError(`no blob ${this.prefix}${key} in ${this.description}`, {
				hint: "check the store URL and the series name",
				details: { key }
			});
			throw this.failure("read", key, err);
		}
		const read = async (offset, length) => (await client.download(offset, length)).readableStreamBody;
		return readRanges(size, read, `${this.prefix}${key}`, options, this.concurrency, (err) => this.failure("read", key, err));
	}
	async list(prefix) {
		const out = [];
		try {
			for await (const b of (await this.client()).listBlobsFlat({ prefix: this.prefix + prefix })) {
				const key = b.name.slice(this.prefix.length);
				if (isValidKey(key)) out.push({
					key,
					size: Number(b.properties.contentLength ?? 0),
					modified: b.properties.lastModified
				});
			}
		} catch (err) {
			throw this.failure("list", prefix, err);
		}
		return out.sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
	}
	async delete(key) {
		try {
			await (await this.blob(key)).deleteIfExists();
		} catch (err) {
			throw this.failure("delete", key, err);
		}
		this.logger.debug(`deleted ${this.prefix}${key}`);
	}
	async exists(key) {
		try {
			return await (await this.blob(key)).exists();
		} catch (err) {
			throw this.failure("check", key, err);
		}
	}
};
export { AzureBlobStore };
