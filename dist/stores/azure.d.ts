/** `index-vault/azure`: snapshots in an Azure Blob Storage container (the Azure SDK loads when a store is first used). */
import '../shared/require-node.js';
export { AzureBlobStore, type AzureBlobStoreOptions } from '../storage/azure-blob-store.js';
