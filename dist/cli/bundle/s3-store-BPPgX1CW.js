import { S as isIndexVaultError, d as NotFoundError, h as StorageError, n as isValidKey, r as silentLogger, t as loadOptional, y as ValidationError } from "./optional-sdk-DbrghY_K.js";
import { n as readRanges, r as alreadyExists, t as normalizePrefix } from "./store-prefix-Ltc5Qwro.js";
import { n as onStop } from "./interrupt-DflhDiOt.js";
import { Readable } from "node:stream";
// .bundle-in/storage/s3-store.js
const statusOf = (err) => err?.$metadata?.httpStatusCode;
const nameOf = (err) => err?.name;
/**
* Snapshots in an S3 bucket or an S3-compatible service. Packs stream up as parallel multipart
* uploads (an interrupted one is aborted, so nothing partial is ever visible) and come down as
* parallel ranged reads; manifests are written with If-None-Match so two writers cannot replace
* each other's snapshot. The SDK retries throttling and 5xx with backoff; integrity is ours
* (sha256 of every pack and file) plus the SDK's transfer checksums.
*/
var S3Store = class {
	description;
	config;
	loaded;
	bucket;
	prefix;
	partSize;
	concurrency;
	logger;
	constructor(options) {
		if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(options.bucket)) throw new ValidationError(`invalid S3 bucket name ${JSON.stringify(options.bucket)}`, { hint: "bucket names are 3–63 characters: a–z, 0–9, . and -" });
		this.bucket = options.bucket;
		this.prefix = normalizePrefix(options.prefix);
		this.partSize = Math.max(5242880, options.partSize ?? 16777216);
		this.concurrency = options.concurrency ?? 4;
		this.logger = options.logger ?? silentLogger;
		this.config = {
			endpoint: options.endpoint,
			region: options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1",
			forcePathStyle: options.forcePathStyle,
			credentials: options.credentials,
			maxAttempts: 5
		};
		this.description = `s3://${this.bucket}/${this.prefix}${options.endpoint ? ` at ${new URL(options.endpoint).host}` : ""}`;
	}
	/** The SDK loads on first use: importing this module must not cost its load time, nor need it installed. */
	s3() {
		return this.loaded ??= loadOptional("s3", async () => {
			const [sdk, { Upload }] = await Promise.all([import("@aws-sdk/client-s3"), import("@aws-sdk/lib-storage")]);
			return {
				sdk,
				Upload,
				client: new sdk.S3Client(this.config)
			};
		});
	}
	objectKey(key) {
		if (!isValidKey(key)) throw new ValidationError(`invalid store key ${JSON.stringify(key)}`);
		return this.prefix + key;
	}
	failure(what, key, err) {
		if (isIndexVaultError(err)) return err;
		const status = statusOf(err);
		const name = nameOf(err);
		const hint = status === 403 || name === "AccessDenied" || name === "CredentialsProviderError" ? "check the credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the instance role) and the bucket policy" : name === "NoSuchBucket" ? `create the bucket ${this.bucket} first, or fix the store URL` : "the service failed after retries; run again, or check the endpoint";
		return new StorageError(`cannot ${what} ${this.bucket}/${this.prefix}${key}: ${name ?? "error"}${status ? ` (HTTP ${status})` : ""}: ${err.message}`, {
			cause: err,
			hint,
			details: {
				key,
				status
			}
		});
	}
	async put(key, body, options = {}) {
		const Key = this.objectKey(key);
		const { client, Upload } = await this.s3();
		let size = 0;
		const counted = Readable.from((async function* () {
			for await (const c of body) {
				size += c.length;
				yield c;
			}
		})());
		const upload = new Upload({
			client,
			params: {
				Bucket: this.bucket,
				Key,
				Body: counted,
				...options.ifNoneMatch ? { IfNoneMatch: "*" } : {}
			},
			partSize: this.partSize,
			queueSize: this.concurrency,
			leavePartsOnError: false
		});
		const forget = onStop(() => upload.abort());
		try {
			await upload.done();
		} catch (err) {
			if (statusOf(err) === 412 || nameOf(err) === "PreconditionFailed" || statusOf(err) === 409) throw alreadyExists(`${this.bucket}/${Key}`, key);
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
		const { client, sdk } = await this.s3();
		const Key = this.objectKey(key);
		let size;
		try {
			size = Number((await client.send(new sdk.HeadObjectCommand({
				Bucket: this.bucket,
				Key
			}))).ContentLength ?? 0);
		} catch (err) {
			if (statusOf(err) === 404 || nameOf(err) === "NotFound" || nameOf(err) === "NoSuchKey") throw new NotFoundError(`no object ${this.bucket}/${Key}`, {
				hint: "check the store URL and the series name",
				details: { key }
			});
			throw this.failure("read", key, err);
		}
		const read = async (offset, length) => (await client.send(new sdk.GetObjectCommand({
			Bucket: this.bucket,
			Key,
			Range: `bytes=${offset}-${offset + length - 1}`
		}))).Body;
		return readRanges(size, read, Key, options, this.concurrency, (err) => this.failure("read", key, err));
	}
	async list(prefix) {
		const { client, sdk } = await this.s3();
		const out = [];
		let token;
		try {
			do {
				const res = await client.send(new sdk.ListObjectsV2Command({
					Bucket: this.bucket,
					Prefix: this.prefix + prefix,
					ContinuationToken: token
				}));
				for (const o of res.Contents ?? []) {
					const key = (o.Key ?? "").slice(this.prefix.length);
					if (isValidKey(key)) out.push({
						key,
						size: Number(o.Size ?? 0),
						modified: o.LastModified
					});
				}
				token = res.IsTruncated ? res.NextContinuationToken : void 0;
			} while (token);
		} catch (err) {
			throw this.failure("list", prefix, err);
		}
		return out.sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
	}
	async delete(key) {
		const { client, sdk } = await this.s3();
		try {
			await client.send(new sdk.DeleteObjectCommand({
				Bucket: this.bucket,
				Key: this.objectKey(key)
			}));
		} catch (err) {
			if (statusOf(err) === 404) return;
			throw this.failure("delete", key, err);
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
					UploadIdMarker: uploadIdMarker
				}));
				for (const u of res.Uploads ?? []) {
					if (!u.Key || !u.UploadId || !u.Initiated || u.Initiated.getTime() >= olderThan.getTime()) continue;
					await client.send(new sdk.AbortMultipartUploadCommand({
						Bucket: this.bucket,
						Key: u.Key,
						UploadId: u.UploadId
					}));
					removed.push(`${u.Key.slice(this.prefix.length)} (upload ${u.UploadId})`);
				}
				keyMarker = res.IsTruncated ? res.NextKeyMarker : void 0;
				uploadIdMarker = res.IsTruncated ? res.NextUploadIdMarker : void 0;
			} while (keyMarker);
		} catch (err) {
			if (statusOf(err) === 501 || statusOf(err) === 403 || nameOf(err) === "NotImplemented") {
				this.logger.debug(`cannot list unfinished uploads in ${this.bucket}/${this.prefix} (${nameOf(err) ?? statusOf(err)}); not sweeping them`);
				return removed;
			}
			throw this.failure("list the unfinished uploads of", "", err);
		}
		return removed;
	}
	async exists(key) {
		const { client, sdk } = await this.s3();
		try {
			await client.send(new sdk.HeadObjectCommand({
				Bucket: this.bucket,
				Key: this.objectKey(key)
			}));
			return true;
		} catch (err) {
			if (statusOf(err) === 404 || nameOf(err) === "NotFound") return false;
			throw this.failure("check", key, err);
		}
	}
};
export { S3Store };
