import { WorkstationKeyChangeSchema } from '../../api/sync/pull';
import type { Store } from '../store';
import { enrolmentState } from '../workstation/enrolment-state';
import type { KnownWorkstationKey } from './workstation-keys';

// Receipt-signing keys of the other workstations of this service point, as the central server
// sends them in pull (api/sync/pull.ts `workstation_key`, kept in sync_pulled). The server names
// a workstation `SP01-W2` (service point, then the code it was enrolled with); a receipt token
// names it by its configured id, which its application numbers print (`SP01-W2-…`; a `W` + 4 hex
// digits id prints without the `W`, services/intake/application-numbering.ts). So a key of this
// service point is trusted under the code it was enrolled with, and under the names its
// applications pulled here print — when the code typed at enrolment differs from the configured
// id, those still tie the server's name to the receipt's. Never a key of another service point
// under a bare name (SP02's W2 is not ours), never a revoked workstation's key (a lost machine
// must not sign receipts that verify), never a key under this workstation's own id.

/** The ids a receipt may give for a workstation whose application numbers print `part`. */
const idsPrinting = (part: string): string[] => (/^[0-9A-F]{4}$/.test(part) ? [part, `W${part}`] : [part]);

export function pulledReceiptKeys(store: Store, servicePoint?: string) {
  const keyRows = store.db.prepare<[], { body: string }>("SELECT body FROM sync_pulled WHERE kind = 'workstation_key' ORDER BY record_id");
  const takenIn = store.db.prepare<[], { ws: string | null; sp: string | null; num: string | null }>(
    `SELECT DISTINCT json_extract(body, '$.workstationId') AS ws, json_extract(body, '$.servicePoint') AS sp,
            substr(json_extract(body, '$.applicationNumber'), 1, 12) AS num
     FROM sync_pulled WHERE kind = 'application'`,
  );
  const enrolment = enrolmentState(store);
  return (ownWorkstationId: string): KnownWorkstationKey[] => {
    const ours = new Set([servicePoint, enrolment.servicePoint()].filter((s): s is string => !!s));
    // Server id → the workstation part its pulled applications' numbers print.
    const printed = new Map<string, Set<string>>();
    for (const r of takenIn.all()) {
      if (!r.ws || !r.sp || !r.num || !ours.has(r.sp)) continue;
      const [sp, part] = r.num.split('-');
      if (sp !== r.sp || !part) continue;
      printed.set(r.ws, new Set([...(printed.get(r.ws) ?? []), ...idsPrinting(part)]));
    }
    const out: KnownWorkstationKey[] = [];
    for (const row of keyRows.all()) {
      const parsed = WorkstationKeyChangeSchema.safeParse(JSON.parse(row.body));
      if (!parsed.success) continue;
      const k = parsed.data;
      if (k.revoked || !k.receiptPublicKey || !ours.has(k.servicePoint)) continue;
      const prefix = `${k.servicePoint}-`;
      const code = k.workstationId.startsWith(prefix) ? k.workstationId.slice(prefix.length) : k.workstationId;
      for (const id of new Set([k.workstationId, code, ...(printed.get(k.workstationId) ?? [])])) {
        if (id !== ownWorkstationId) out.push({ workstationId: id, publicKey: k.receiptPublicKey });
      }
    }
    return out;
  };
}
