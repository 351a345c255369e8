import { z } from 'zod';
import { Sha256HexSchema } from './common';

/** Largest scan the server accepts, in bytes (a few MB per scan is normal). */
export const MAX_BLOB_BYTES = 50 * 1024 * 1024;

/** Path parameter of HEAD /v1/blobs/{sha256}. 200 = stored and verified; 404 = upload it. */
export const BlobParamsSchema = z.object({ sha256: Sha256HexSchema }).strict();

/** tus endpoint (creation + core 1.0.0): POST creates, HEAD gives Upload-Offset, PATCH appends. */
export const TUS_ENDPOINT = '/v1/uploads';

/** Upload-Metadata keys on tus creation (values base64 as tus requires). `sha256` is required. */
export const TusMetadataSchema = z.object({ sha256: Sha256HexSchema, filename: z.string().max(200).optional() }).strip();
