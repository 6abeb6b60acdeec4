import type { DataConverter } from '@temporalio/common';
import type { BlobStore } from '../store/blob-store.ts';
import { blobExternalStorage, defaultPayloadThreshold } from './blob-storage-driver.ts';

/** The data converter every client and worker uses: big payloads go to the blob store. */
export function codetetherDataConverter(blobs: BlobStore, threshold = defaultPayloadThreshold): DataConverter {
  return { externalStorage: blobExternalStorage(blobs, threshold) };
}
