/**
 * Calls a hostile or buggy renderer might make. Shared by the tests of both transports, so
 * that IPC and HTTP are held to exactly the same refusals.
 */
export const MALFORMED_CALLS: { name: string; method: string; input: unknown }[] = [
  { name: 'unknown method', method: 'intake.delete_everything', input: {} },
  { name: 'prototype key as method', method: '__proto__', input: {} },
  { name: 'wrong type', method: 'intake.create', input: { kind: 42 } },
  { name: 'unknown kind', method: 'intake.create', input: { kind: 'free_money' } },
  { name: 'extra field', method: 'intake.create', input: { kind: 'first_application', admin: true } },
  {
    name: 'extra nested field',
    method: 'intake.save',
    input: { id: 'abc', expectedRevision: 0, application: { kind: 'first_application', entity: { sql: 'drop' } } },
  },
  {
    name: 'huge string',
    method: 'intake.save',
    input: { id: 'abc', expectedRevision: 0, application: { kind: 'first_application', entity: { names: { zh: '澳'.repeat(100_000) } } } },
  },
  { name: 'missing field', method: 'intake.save', input: { id: 'abc' } },
  { name: 'negative revision', method: 'intake.submit', input: { id: 'abc', expectedRevision: -1 } },
  { name: 'id with path characters', method: 'intake.get', input: { id: '../../etc/passwd' } },
  { name: 'array instead of object', method: 'intake.list', input: [1, 2, 3] },
  { name: 'string instead of object', method: 'app.info', input: 'hello' },
  { name: 'limit out of range', method: 'intake.list', input: { limit: 1e9 } },
];

/**
 * The hostile-call replay (issue 12, `npm run test:attack`): for every contract method, the
 * calls above generalised. Each call is either refused by the contract (wrong shape, wrong
 * type, oversized, unknown or prototype keys) or well-shaped but naming ids the caller has no
 * business with (forged ids): both must be refused without a stack and without a change.
 */
export interface HostileCall {
  name: string;
  method: string;
  input: unknown;
}

const HUGE = 'A'.repeat(200_000);
/** Values that have broken parsers, SQL, paths, FTS or renderers somewhere. */
export const HOSTILE_VALUES: { name: string; value: unknown }[] = [
  { name: 'huge string', value: HUGE },
  { name: 'NUL bytes', value: 'ab\u0000cd\u0000' },
  { name: 'path traversal', value: '../../../../etc/passwd' },
  { name: 'SQL injection', value: "x' OR '1'='1'; DROP TABLE applications; --" },
  { name: 'FTS syntax', value: 'a* OR b NEAR("c" d) -e ^f' },
  { name: 'RTL override and emoji', value: '\u202Egnp.exe\u202C 🏢🏢' },
  { name: 'lone surrogate', value: '\uD800x' },
  { name: 'prototype word', value: '__proto__' },
  { name: 'script tag', value: '<img src=x onerror=alert(1)>' },
  { name: 'empty string', value: '' },
  { name: 'float overflow', value: 1e308 },
  { name: 'unsafe integer', value: 2 ** 53 + 1 },
  { name: 'negative', value: -1 },
  { name: 'fraction', value: 0.5 },
  { name: 'boolean', value: true },
  { name: 'null', value: null },
  { name: 'array', value: ['x', 1, null] },
  { name: 'operator object', value: { $gt: '', $where: '1' } },
  { name: 'prototype object', value: JSON.parse('{"__proto__":{"polluted":true}}') as unknown },
];

/** Whole inputs that are wrong before any field is looked at. */
const SHAPE_ATTACKS: { name: string; input: unknown }[] = [
  { name: 'null input', input: null },
  { name: 'number input', input: 42 },
  { name: 'string input', input: 'hello' },
  { name: 'array input', input: [1, 2, 3] },
  { name: '__proto__ key', input: JSON.parse('{"__proto__":{"polluted":true,"isAdmin":true}}') as unknown },
  { name: 'constructor.prototype key', input: { constructor: { prototype: { polluted: true } } } },
  { name: 'unknown key', input: { admin: true, role: 'supervisor' } },
  { name: 'ten thousand keys', input: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])) },
  { name: 'deep nesting', input: JSON.parse(`${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`) as unknown },
];

/** Method names that are not methods: prototype members, NULs, huge or empty names. */
const METHOD_NAME_ATTACKS: HostileCall[] = [
  'constructor',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
  '',
  'intake.list\u0000',
  'intake.list/../auth.setup',
  'x'.repeat(10_000),
].map((method) => ({ name: `method name ${JSON.stringify(method.slice(0, 30))}`, method, input: {} }));

/** The parts of a zod 4 schema the generator reads (duck-typed: api/ stays free of zod internals' types). */
interface SchemaDef {
  type: string;
  shape?: Record<string, { _zod?: { def?: SchemaDef } }>;
  innerType?: { _zod?: { def?: SchemaDef } };
  element?: { _zod?: { def?: SchemaDef } };
  options?: { _zod?: { def?: SchemaDef } }[];
  entries?: Record<string, unknown>;
  values?: unknown[];
}
const defOf = (schema: unknown): SchemaDef | undefined => (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;

const ID_FIELD = /(^id$|Id$|Ids$)/;

/**
 * A well-shaped input for `schema`, as far as a generic walk can tell, with every id field set
 * to `forged`: required fields only, first enum value, numbers 0, strings 'x'.
 */
export function sampleInput(schema: unknown, forged: string, field = ''): unknown {
  const def = defOf(schema);
  if (!def) return undefined;
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(def.shape ?? {})) {
        const d = defOf(v);
        const optional = d?.type === 'optional' || d?.type === 'default';
        if (optional && !ID_FIELD.test(k)) continue;
        const value = sampleInput(optional ? d.innerType : v, forged, k);
        if (value !== undefined) out[k] = value;
      }
      return out;
    }
    case 'string':
      return ID_FIELD.test(field) ? forged : 'x';
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'literal':
      return def.values?.[0];
    case 'array':
      return ID_FIELD.test(field) ? [forged] : [];
    case 'record':
      return {};
    case 'optional':
    case 'default':
      return sampleInput(def.innerType, forged, field);
    case 'union':
      return sampleInput(def.options?.[0], forged, field);
    default:
      return undefined;
  }
}

const fieldsOf = (schema: unknown): string[] => Object.keys(defOf(schema)?.shape ?? {});

/**
 * Every hostile call for every method of `contract`: the shape attacks, each hostile value in
 * each top-level field (on a well-shaped base), and the well-shaped base with each forged id.
 * `accepts(method, input)` is the dispatcher's own check: a generated call it accepts is kept
 * only when it names a forged id or the method only reads (otherwise it is an ordinary call
 * that may rightly change something, not an attack).
 */
export function hostileCalls(
  contract: Record<string, { input: unknown }>,
  opts: { forgedIds: string[]; accepts: (method: string, input: unknown) => boolean; readOnly?: (method: string) => boolean },
): HostileCall[] {
  const calls: HostileCall[] = [...MALFORMED_CALLS, ...METHOD_NAME_ATTACKS];
  for (const [method, spec] of Object.entries(contract)) {
    const [firstForged = 'forged'] = opts.forgedIds;
    const base = sampleInput(spec.input, firstForged);
    const withIds = fieldsOf(spec.input).some((f) => ID_FIELD.test(f));
    const namesForged = (input: unknown) =>
      typeof input === 'object' &&
      input !== null &&
      Object.entries(input).some(([k, v]) => ID_FIELD.test(k) && (Array.isArray(v) ? v : [v]).some((x) => opts.forgedIds.includes(x as string)));
    const keep = (c: HostileCall) => {
      // A read keeps its well-shaped hostile values too (a NUL in a search must answer cleanly).
      if (!opts.accepts(c.method, c.input) || (withIds && namesForged(c.input)) || (opts.readOnly?.(c.method) && c.input !== null)) calls.push(c);
    };
    for (const a of SHAPE_ATTACKS) keep({ name: `${method}: ${a.name}`, method, input: a.input });
    for (const field of fieldsOf(spec.input)) {
      for (const v of HOSTILE_VALUES) {
        const input = typeof base === 'object' && base !== null ? { ...base, [field]: v.value } : { [field]: v.value };
        keep({ name: `${method}: ${field} = ${v.name}`, method, input });
      }
    }
    if (withIds) for (const forged of opts.forgedIds) keep({ name: `${method}: forged id ${forged}`, method, input: sampleInput(spec.input, forged) });
  }
  return calls;
}
