import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../api/sync';
import { formatApplicationNumber } from '../../domain/application-number';
import { ReceiptInputSchema } from '../../domain/receipt/receipt-input';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { RECEIPT_SAMPLES } from '../../domain/receipt/receipt-samples';
import type { Store } from '../store';
import { openTestStore, tempStoreDir } from '../store/test-support';
import { createPullApplier } from '../sync/pull-apply';
import { createReceiptStore } from './receipt-store';
import { createReceiptToken, verifyReceiptToken } from './receipt-token';
import { generateWorkstationKeyPair } from './workstation-keys';

// Issue 15: a receipt printed at workstation A of a service point verifies at workstation B of
// the same service point once B has pulled A's receipt key — though the server names A
// `SP01-WA` and the receipt names it `WA`. A forged receipt still does not.

const clock = () => new Date('2026-11-23T09:00:00.000Z');
const now = () => clock().toISOString();

describe('receipt keys of the service point’s other workstations, from pull', () => {
  const dirs: { cleanup(): void }[] = [];
  let a: Store;
  let b: Store;
  const open = (id: string) => {
    const t = tempStoreDir();
    dirs.push(t);
    return openTestStore(t.dir, t.key, { clock, workstationId: id });
  };
  beforeEach(() => {
    a = open('WA');
    b = open('WB');
  });
  afterEach(() => {
    a.close();
    b.close();
    for (const d of dirs.splice(0)) d.cleanup();
  });

  const keyChange = (workstationId: string, servicePoint: string, receiptPublicKey: string | null, revoked = false): Change => ({
    kind: 'workstation_key',
    id: workstationId,
    deleted: false,
    data: { workstationId, servicePoint, receiptPublicKey, revoked },
  });
  const pull = (store: Store, ...changes: Change[]) =>
    createPullApplier(store, clock).apply({ changes, cursor: 'c1', hasMore: false, epoch: randomUUID(), serverTime: now() });

  /** What workstation A prints: a receipt signed with its own key, naming it as its application numbers do. */
  const printedAtA = () => {
    const keysA = createReceiptStore(a, 'WA', now, 'SP01');
    const input = ReceiptInputSchema.parse({ ...RECEIPT_SAMPLES[0]?.input, workstationId: 'WA' });
    return { token: createReceiptToken(input, keysA.signingKey()), publicKey: keysA.publicKey().publicKey, input };
  };

  it('A’s receipt is unknown at B before the pull, genuine after it; a forgery naming A is not', () => {
    const { token, publicKey, input } = printedAtA();
    const keysB = createReceiptStore(b, 'WB', now, 'SP01');
    expect(verifyReceiptToken(token, keysB.knownKeys()).status).toBe('unknown_workstation');

    pull(b, keyChange('SP01-WA', 'SP01', publicKey), keyChange('SP01-WB', 'SP01', keysB.publicKey().publicKey));
    expect(verifyReceiptToken(token, keysB.knownKeys())).toMatchObject({
      status: 'valid',
      details: { workstationId: 'WA', applicationNumber: input.applicationNumber },
    });

    const forger = generateWorkstationKeyPair('WA');
    expect(verifyReceiptToken(createReceiptToken(input, forger), keysB.knownKeys()).status).toBe('tampered');
    // B's own key stays the one it signs with, whatever the server sends under its name.
    expect(keysB.knownKeys().filter((k) => k.workstationId === 'WB')).toEqual([keysB.publicKey()]);
  });

  it('a revoked workstation’s key, or a workstation of another service point with the same code, does not vouch for it', () => {
    const { token, publicKey } = printedAtA();
    const keysB = createReceiptStore(b, 'WB', now, 'SP01');
    pull(b, keyChange('SP02-WA', 'SP02', publicKey));
    expect(verifyReceiptToken(token, keysB.knownKeys()).status).toBe('unknown_workstation');
    pull(b, keyChange('SP01-WA', 'SP01', publicKey));
    expect(verifyReceiptToken(token, keysB.knownKeys()).status).toBe('valid');
    pull(b, keyChange('SP01-WA', 'SP01', publicKey, true));
    expect(verifyReceiptToken(token, keysB.knownKeys()).status).toBe('unknown_workstation');
  });

  it('enrolled under another code than its configured id: its applications pulled here tie the two, so its receipts verify', () => {
    // A's configured id is the placeholder WABCD (numbers print ABCD); the administrator typed 7 at enrolment.
    const keysA = createReceiptStore(a, 'WABCD', now, 'SP01');
    const number = formatApplicationNumber({ servicePoint: 'SP01', workstation: 'ABCD', date: '2026-11-23', sequence: 1 });
    const input = ReceiptInputSchema.parse({ ...RECEIPT_SAMPLES[0]?.input, workstationId: 'WABCD', applicationNumber: number });
    const token = createReceiptToken(input, keysA.signingKey());
    const keysB = createReceiptStore(b, 'WB', now, 'SP01');
    pull(b, keyChange('SP01-7', 'SP01', keysA.publicKey().publicKey));
    expect(verifyReceiptToken(token, keysB.knownKeys()).status).toBe('unknown_workstation');
    const taken = (servicePoint: string, workstationId: string): Change => {
      const recordId = randomUUID();
      const history = [{ status: 'pending_approval' as const, actor: 'C1', at: now(), workstationId }];
      const data = {
        recordId,
        applicationNumber: number,
        servicePoint,
        workstationId,
        kind: 'first_application' as const,
        status: 'pending_approval' as const,
      };
      return {
        kind: 'application',
        id: recordId,
        deleted: false,
        data: { ...data, version: 1, application: sampleFirstApplication(), createdBy: 'C1', editors: [], history, blobs: [] },
      };
    };
    // Another service point's application printing the same part ties nothing here.
    pull(b, taken('SP02', 'SP01-7'));
    expect(verifyReceiptToken(token, keysB.knownKeys()).status).toBe('unknown_workstation');
    pull(b, taken('SP01', 'SP01-7'));
    expect(verifyReceiptToken(token, keysB.knownKeys())).toMatchObject({ status: 'valid', details: { workstationId: 'WABCD' } });
    expect(verifyReceiptToken(createReceiptToken(input, generateWorkstationKeyPair('WABCD')), keysB.knownKeys()).status).toBe('tampered');
  });
});
