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
