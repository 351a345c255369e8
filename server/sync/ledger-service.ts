import type { Sql } from 'postgres';
import type { LedgerResponse } from '../../api/sync/ledger';
import { HttpRefusal } from '../http/errors';

export async function handleLedger(sql: Sql, workstationId: string): Promise<LedgerResponse> {
  const [ws] = await sql<{ next_seq: string; ledger_hash: string }[]>`SELECT next_seq, ledger_hash FROM workstations WHERE id = ${workstationId}`;
  if (!ws) throw new HttpRefusal(401, 'unknown_workstation');
  const [count] = await sql<{ n: string }[]>`SELECT count(*) AS n FROM ops WHERE workstation_id = ${workstationId}`;
  const [head] = await sql<{ seq: string; hash: string; received_at: Date }[]>`
    SELECT seq, hash, received_at FROM audit_heads WHERE workstation_id = ${workstationId} ORDER BY id DESC LIMIT 1`;
  return {
    workstationId,
    ackedThrough: Number(ws.next_seq) - 1,
    count: Number(count?.n ?? 0),
    rollingHash: ws.ledger_hash,
    auditHead: head ? { seq: Number(head.seq), hash: head.hash, receivedAt: head.received_at.toISOString() } : null,
  };
}
