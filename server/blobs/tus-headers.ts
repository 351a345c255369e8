import { TUS_BODY_TYPE } from '../../api/sync/blobs';

// What every way into the scan uploads checks of a tus request's headers, said once.

/** A declared SHA-256: 64 lower-case hex digits. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A length or offset as tus headers carry it: a plain decimal, no sign, no exponent, no leading zero. */
export const isPlainDecimal = (v: unknown): v is string => typeof v === 'string' && /^(0|[1-9][0-9]{0,15})$/.test(v);

/** The request carries scan bytes (`application/offset+octet-stream`, parameters ignored). */
export const isTusBodyType = (contentType: string | null | undefined): boolean => (contentType ?? '').split(';')[0]?.trim().toLowerCase() === TUS_BODY_TYPE;
