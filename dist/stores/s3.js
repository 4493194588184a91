/** `index-vault/s3`: snapshots in an S3 bucket or an S3-compatible service (the AWS SDK loads when a store is first used). */
import '../shared/require-node.js';
export { S3Store } from '../storage/s3-store.js';
