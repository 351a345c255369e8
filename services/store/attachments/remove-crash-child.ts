// Child process for remove-crash.test.ts. Removes a scan inside an outer transaction (as the scans
// panel does: the form and the rows in one) and then stops dead, either before the outer
// transaction commits ('inside') or just after ('committed'), printing the moment so the test can
// SIGKILL it there. Nothing runs after the print: the process only waits to be killed.
import { openStore } from '../index';
import { scanFixtures } from './fixtures';

const [dir, keyHex, when] = process.argv.slice(2);
if (!dir || !keyHex || (when !== 'inside' && when !== 'committed')) throw new Error('usage: remove-crash-child <dir> <keyhex> inside|committed');
const store = openStore({ dir, key: Buffer.from(keyHex, 'hex'), workstationId: 'ws-crash', clock: () => new Date('2026-11-23T09:00:00Z') });
const d = store.applications.createDraft({
  kind: 'first_application',
  data: {},
  search: { entityNames: [], registrationNumbers: [], idNumbers: [] },
  actor: 'clerk',
});
const a = store.attachments.put(scanFixtures.png, { applicationId: d.id, slot: 'x', actor: 'clerk' });
const stopHere = (moment: string) => {
  process.stdout.write(`${moment} ${a.id}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
};
store.db
  .transaction(() => {
    store.attachments.remove(a.id, 'clerk');
    if (when === 'inside') stopHere('removed-not-committed');
  })
  .immediate();
if (when === 'committed') stopHere('committed');
