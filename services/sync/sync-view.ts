import { isMessageKey } from '../../i18n';
import type { SyncDetails, SyncItem, SyncStatusView } from '../../api/contracts/sync-contract';
import type { Store } from '../store';
import type { FrozenOp } from './op-log';
import type { SyncErrorInfo, SyncWorker } from './sync-worker';

// What the clerk sees of sync: the worker's state in the contract's shape. A message key the
// catalog does not know (a newer server's code) is shown as "refused (code)", never dropped.

type Message = { messageKey: string; params?: Record<string, string | number> };

function shown(m: Message | null, code?: string): Message | null {
  if (!m) return null;
  if (isMessageKey(m.messageKey)) return m.params ? { messageKey: m.messageKey, params: m.params } : { messageKey: m.messageKey };
  return { messageKey: 'sync.status.error.unknown', params: { code: code ?? m.messageKey } };
}

/** `labelOf` names a person by staff number as the screens do ("陳文職 (C0101)"): who must sign in for their work to go. */
export function statusView(worker: SyncWorker, labelOf: (staffNumber: string) => string = (n) => n): SyncStatusView {
  const s = worker.status();
  const raw: SyncErrorInfo | null = s.lastError;
  const waitingFor = raw?.code === 'needs_session' && typeof raw.params?.['staffNumber'] === 'string' ? raw.params['staffNumber'] : null;
  const err = raw && waitingFor ? { ...raw, params: { ...raw.params, staffNumber: labelOf(waitingFor) } } : raw;
  return {
    state: s.state,
    server: s.server,
    workstationId: s.workstationId,
    waiting: s.waiting,
    bytesLeft: s.bytesLeft,
    upload: s.upload ? { offset: s.upload.offset, size: s.upload.size } : null,
    refused: s.refused,
    conflicts: s.conflicts,
    lastSentAt: s.lastSentAt,
    lastError: err ? { ...shown(err, err.code)!, code: err.code, at: err.at } : null,
    nextRetryAt: s.nextRetryAt,
  } as SyncStatusView;
}

function reasonOf(op: FrozenOp): Message | null {
  if (op.state === 'parked' && op.reason) {
    try {
      const r = JSON.parse(op.reason) as Message & { code: string };
      return shown(r, r.code);
    } catch {
      return null;
    }
  }
  if (op.state === 'conflict') {
    const cur = op.detail ? (JSON.parse(op.detail) as { status?: string; version?: number } | null) : null;
    return cur?.status
      ? { messageKey: 'sync.conflict.current', params: { status: cur.status, version: cur.version ?? 0 } }
      : { messageKey: 'sync.conflict.unknown' };
  }
  return null;
}

/** Items the details panel lists per kind. */
const LISTED = 200;

export function detailsView(worker: SyncWorker, store: Store): SyncDetails {
  const item = (op: FrozenOp): SyncItem => {
    const fromOp = (op.op.payload as { applicationNumber?: string }).applicationNumber;
    return {
      ...named(op.recordId, fromOp),
      kind: op.kind as SyncItem['kind'],
      since: op.createdAt,
      attempts: op.attempts,
      bytes: op.bytes,
      reason: reasonOf(op) as SyncItem['reason'],
    };
  };
  const named = (recordId: string, fromOp?: string) => {
    const rec = store.applications.get(recordId);
    const entity = (rec?.data as { entity?: { names?: Record<string, string | undefined> } } | undefined)?.entity?.names;
    return {
      applicationId: recordId,
      applicationNumber: rec?.applicationNumber ?? fromOp ?? null,
      entityName: (entity?.zh || entity?.pt || entity?.en || null)?.slice(0, 200) ?? null,
    };
  };
  // The pending ops, then what will become ops once they are answered (after an outage, most of
  // the queue): the list holds what the status bar counts, up to LISTED.
  const frozen = worker.items('pending', LISTED);
  const later = frozen.length < LISTED ? worker.ops.unfrozenOps(LISTED - frozen.length) : [];
  return {
    waiting: [
      ...frozen.map(item),
      ...later.map((u): SyncItem => ({ ...named(u.recordId), kind: u.kind, since: u.createdAt, attempts: 0, bytes: u.bytes, reason: null })),
    ],
    refused: worker.items('parked').map(item),
    conflicts: worker.items('conflict').map(item),
  };
}
