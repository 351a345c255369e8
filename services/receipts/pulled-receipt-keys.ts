import { WorkstationKeyChangeSchema } from '../../api/sync/pull';
import type { Store } from '../store';
import { enrolmentState } from '../workstation/enrolment-state';
import type { KnownWorkstationKey } from './workstation-keys';

// Receipt-signing keys of the other workstations of this service point, as the central server
// sends them in pull (api/sync/pull.ts `workstation_key`, kept in sync_pulled). The server names
// a workstation `SP01-W2` (service point, then the code it was enrolled with); a receipt token
// names it as that workstation prints it in its application numbers, `W2`. So a key of this
// service point is trusted under its code too — never a key of another service point under a
// bare code (SP02's W2 is not ours), never a revoked workstation's key (a lost machine must not
// sign receipts that verify), and never a key under this workstation's own id (ours is authoritative).

export function pulledReceiptKeys(store: Store, servicePoint?: string) {
  const rows = store.db.prepare<[], { body: string }>("SELECT body FROM sync_pulled WHERE kind = 'workstation_key' ORDER BY record_id");
  const enrolment = enrolmentState(store);
  return (ownWorkstationId: string): KnownWorkstationKey[] => {
    const ours = new Set([servicePoint, enrolment.servicePoint()].filter((s): s is string => !!s));
    const out: KnownWorkstationKey[] = [];
    for (const row of rows.all()) {
      const parsed = WorkstationKeyChangeSchema.safeParse(JSON.parse(row.body));
      if (!parsed.success) continue;
      const k = parsed.data;
      if (k.revoked || !k.receiptPublicKey || !ours.has(k.servicePoint)) continue;
      const prefix = `${k.servicePoint}-`;
      const code = k.workstationId.startsWith(prefix) ? k.workstationId.slice(prefix.length) : k.workstationId;
      for (const id of new Set([k.workstationId, code])) {
        if (id !== ownWorkstationId) out.push({ workstationId: id, publicKey: k.receiptPublicKey });
      }
    }
    return out;
  };
}
