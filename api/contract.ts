import { z } from 'zod';
import { APPLICATION_KINDS, APPLICATION_STATUSES, ENTITY_TYPES } from '../domain/model/codes';

/**
 * The one contract between the renderer (untrusted) and the main process. Every call has a
 * zod schema for its input and its output; both transports (Electron IPC and the harness's
 * loopback HTTP) go through the same dispatcher, so validation cannot differ between them.
 *
 * Inputs are strict objects with bounded strings: the renderer may be compromised, and a
 * 50 MB "name" must be refused at the door, not by SQLite.
 */
const text = (max: number) => z.string().max(max);
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const isoTime = z.string().max(40);

export const DraftEntitySchema = z
  .object({
    type: z.enum(ENTITY_TYPES).nullable(),
    nameZh: text(300),
    namePt: text(300),
  })
  .strict();

export const ApplicationSummarySchema = z
  .object({
    id,
    kind: z.enum(APPLICATION_KINDS),
    status: z.enum(APPLICATION_STATUSES),
    applicationNumber: z.string().nullable(),
    entityNames: z.array(z.string()),
    createdAt: isoTime,
    updatedAt: isoTime,
    createdBy: z.string(),
  })
  .strict();

export const DraftRecordSchema = z
  .object({
    id,
    kind: z.enum(APPLICATION_KINDS),
    status: z.enum(APPLICATION_STATUSES),
    revision: z.number().int(),
    entity: DraftEntitySchema,
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .strict();

export const AppInfoSchema = z
  .object({
    version: z.string(),
    transport: z.enum(['ipc', 'http']),
    servicePoint: z.object({ code: z.string(), nameZh: z.string(), namePt: z.string() }).strict(),
    workstationId: z.string(),
    database: z.object({ state: z.enum(['ok', 'error']), userVersion: z.number().int(), encrypted: z.boolean() }).strict(),
    sync: z.object({ state: z.enum(['not_configured', 'online', 'offline', 'syncing']), pending: z.number().int() }).strict(),
  })
  .strict();

const empty = z.object({}).strict();

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const contract = {
  'app.info': method(empty, AppInfoSchema),
  'drafts.create': method(z.object({ kind: z.enum(APPLICATION_KINDS), entity: DraftEntitySchema }).strict(), DraftRecordSchema),
  'drafts.save': method(
    z.object({ id, expectedRevision: z.number().int().min(0), entity: DraftEntitySchema }).strict(),
    DraftRecordSchema,
  ),
  'drafts.get': method(z.object({ id }).strict(), DraftRecordSchema),
  'applications.list': method(
    z.object({ statuses: z.array(z.enum(APPLICATION_STATUSES)).max(APPLICATION_STATUSES.length).optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
    z.array(ApplicationSummarySchema),
  ),
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
