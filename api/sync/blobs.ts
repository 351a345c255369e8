import { z } from 'zod';
import { Sha256HexSchema } from './common';

/** Largest scan the server accepts, in bytes (a few MB per scan is normal). */
export const MAX_BLOB_BYTES = 50 * 1024 * 1024;

/** Path parameter of HEAD /v1/blobs/{sha256}. 200 = stored and verified; 404 = upload it. */
export const BlobParamsSchema = z.object({ sha256: Sha256HexSchema }).strict();

/** tus endpoint (core 1.0.0 + creation + creation-with-upload): POST creates (with the first bytes), HEAD gives Upload-Offset, PATCH appends. */
export const TUS_ENDPOINT = '/v1/uploads';

/** The content type of tus bytes (a PATCH, or a creation carrying its first chunk). Not digested in the request signature. */
export const TUS_BODY_TYPE = 'application/offset+octet-stream';

/** Upload-Metadata keys on tus creation (values base64 as tus requires). `sha256` is required. */
export const TusMetadataSchema = z.object({ sha256: Sha256HexSchema, filename: z.string().max(200).optional() }).strip();
