import type { Method } from './contract';

/**
 * Calls a hostile or buggy renderer might make. Shared by the tests of both transports, so
 * that IPC and HTTP are held to exactly the same refusals.
 */
export const MALFORMED_CALLS: { name: string; method: string; input: unknown }[] = [
  { name: 'unknown method', method: 'drafts.delete_everything', input: {} },
  { name: 'prototype key as method', method: '__proto__', input: {} },
  { name: 'wrong type', method: 'drafts.create', input: { kind: 42, entity: { type: null, nameZh: '', namePt: '' } } },
  { name: 'unknown kind', method: 'drafts.create', input: { kind: 'free_money', entity: { type: null, nameZh: '', namePt: '' } } },
  { name: 'extra field', method: 'drafts.create', input: { kind: 'first_application', entity: { type: null, nameZh: '', namePt: '' }, admin: true } },
  { name: 'extra nested field', method: 'drafts.create', input: { kind: 'first_application', entity: { type: null, nameZh: '', namePt: '', sql: 'drop' } } },
  { name: 'huge string', method: 'drafts.create', input: { kind: 'first_application', entity: { type: null, nameZh: '澳'.repeat(100_000), namePt: '' } } },
  { name: 'missing field', method: 'drafts.save', input: { id: 'abc' } },
  { name: 'negative revision', method: 'drafts.save', input: { id: 'abc', expectedRevision: -1, entity: { type: null, nameZh: '', namePt: '' } } },
  { name: 'id with path characters', method: 'drafts.get', input: { id: '../../etc/passwd' } },
  { name: 'array instead of object', method: 'applications.list', input: [1, 2, 3] },
  { name: 'string instead of object', method: 'app.info', input: 'hello' },
  { name: 'limit out of range', method: 'applications.list', input: { limit: 1e9 } },
];

/** Methods that change state: after the malformed batch, none of them may have run. */
export const MUTATING_METHODS: Method[] = ['drafts.create', 'drafts.save'];
