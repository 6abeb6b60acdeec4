import { ExternalStorage, StorageDriverClaim, type Payload, type StorageDriver } from '@temporalio/common';
import proto from '@temporalio/proto';
import type { BlobStore } from '../store/blob-store.ts';

const PayloadProto = proto.temporal.api.common.v1.Payload;

/** Payloads at least this big go to the blob store; history keeps a reference (sha256). */
export const defaultPayloadThreshold = 16 * 1024;

/**
 * Temporal External Storage backed by our content-addressed blob store:
 * large payloads (prompts, transcripts, file bodies, long tool output) are
 * written to Postgres and workflow history holds only a small claim with
 * their sha256. This is how rule 2 ("nothing big enters history") is kept
 * mechanically, for every workflow and activity at once.
 */
export class BlobStorageDriver implements StorageDriver {
  readonly name = 'codetether-blobs';
  readonly type = 'codetether.postgres-blobs';
  private readonly blobs: BlobStore;

  constructor(blobs: BlobStore) {
    this.blobs = blobs;
  }

  async store(_context: unknown, payloads: Payload[]): Promise<StorageDriverClaim[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        const bytes = PayloadProto.encode(PayloadProto.create(payload)).finish();
        const ref = await this.blobs.put(Buffer.from(bytes));
        return new StorageDriverClaim({ sha256: ref.hash, size: String(ref.size) });
      }),
    );
  }

  async retrieve(_context: unknown, claims: StorageDriverClaim[]): Promise<Payload[]> {
    return Promise.all(
      claims.map(async (claim) => {
        const hash = claim.claimData.sha256;
        if (hash === undefined) throw new Error('blob claim without a sha256');
        return PayloadProto.decode(await this.blobs.get(hash)) as Payload;
      }),
    );
  }
}

export function blobExternalStorage(blobs: BlobStore, threshold = defaultPayloadThreshold): ExternalStorage {
  return new ExternalStorage({ drivers: [new BlobStorageDriver(blobs)], payloadSizeThreshold: threshold });
}
