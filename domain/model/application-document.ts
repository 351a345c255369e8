// How an application is kept in the store: the application itself plus `schemaVersion`. The
// application schema is strict, so without a version the first field removed or renamed would
// make every stored draft unreadable; instead each version bump adds one upgrade below, and a
// document is brought up to date when it is read (and written back current at the next save).

/** The version written today. Bump it together with an entry in UPGRADES. */
export const APPLICATION_SCHEMA_VERSION = 2;

/**
 * `UPGRADES[n]` turns a version-n document body into a version n+1 one. Version 1 is every
 * document written before versions existed: the same fields as version 2, without the number.
 */
const UPGRADES: Readonly<Record<number, (body: Record<string, unknown>) => Record<string, unknown>>> = {
  1: (body) => body,
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A document from a newer program than this one: opened by nobody rather than misread. */
export class DocumentTooNewError extends Error {
  constructor(readonly schemaVersion: number) {
    super(`application document version ${schemaVersion} is newer than this program knows (${APPLICATION_SCHEMA_VERSION})`);
  }
}

/** The stored form of an application body: the body with the current version. */
export function toStoredDocument(body: object): Record<string, unknown> {
  return { ...body, schemaVersion: APPLICATION_SCHEMA_VERSION };
}

/**
 * A stored document's body brought to the current version, without `schemaVersion`.
 * Anything that is not an object is returned as it is, for the caller's parser to refuse.
 */
export function fromStoredDocument(stored: unknown): unknown {
  if (!isPlainObject(stored)) return stored;
  const { schemaVersion, ...body } = stored;
  let version = typeof schemaVersion === 'number' && Number.isInteger(schemaVersion) && schemaVersion >= 1 ? schemaVersion : 1;
  if (version > APPLICATION_SCHEMA_VERSION) throw new DocumentTooNewError(version);
  let out = body;
  while (version < APPLICATION_SCHEMA_VERSION) {
    const up = UPGRADES[version];
    if (!up) throw new Error(`no upgrade from application document version ${version}`);
    out = up(out);
    version += 1;
  }
  return out;
}
