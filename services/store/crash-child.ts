// Child process for crash.test.ts: saves draft revisions as fast as it can and prints each
// one only after saveDraft returned (= acknowledged to the clerk). The test kills it with
// SIGKILL at an arbitrary moment.
import { openStore } from './index';

const [dir, keyHex] = process.argv.slice(2);
if (!dir || !keyHex) throw new Error('usage: crash-child <dir> <keyhex>');
const store = openStore({ dir, key: Buffer.from(keyHex, 'hex'), workstationId: 'ws-crash', clock: () => new Date('2026-11-23T09:00:00Z') });
const terms = { entityNames: ['澳門測試會'], registrationNumbers: [], idNumbers: ['1234567(8)'] };
const d = store.applications.createDraft({ kind: 'first_application', data: { rev: 1, typed: '' }, search: terms, actor: 'clerk' });
process.stdout.write(`ack ${d.id} ${d.revision}\n`);
let typed = '';
for (;;) {
  typed += String.fromCharCode(0x4e00 + (typed.length % 500));
  const r = store.applications.saveDraft(d.id, { data: { typed }, search: terms, actor: 'clerk' });
  process.stdout.write(`ack ${r.id} ${r.revision} ${typed.length}\n`);
}
