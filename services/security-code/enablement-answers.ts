import { isMessageKey, type MessageKey, type MessageParams } from '../../i18n';
import type { Store } from '../store';
import { createEnablementRepo } from './enablement-repo';

// Issue 16 item 4: the central server's answer to an enablement, written where the counter's
// screens read it. Called by sync in the same transaction that settles the eid.enable op, so
// the op's outcome and the enablement's state never disagree, and by tests directly.

/** The server accepted it, or refused it with its own reason (a check's message, e.g. sc.check.already_on). */
export type ServerAnswer = { outcome: 'confirmed' } | { outcome: 'refused'; code: string; messageKey: string; params?: MessageParams };

export const SERVER_REFUSED_KEY = 'eid.server.refused' satisfies MessageKey;

/** Only reasons the clerk can read in their language: anything else is the generic "not accepted". */
function refusalOf(a: Extract<ServerAnswer, { outcome: 'refused' }>): { key: MessageKey; params?: MessageParams } {
  if (!isMessageKey(a.messageKey)) return { key: SERVER_REFUSED_KEY };
  const params = Object.fromEntries(
    Object.entries(a.params ?? {})
      .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
      .map(([k, v]) => [k.slice(0, 40), typeof v === 'string' ? v.slice(0, 200) : v]),
  );
  return { key: a.messageKey, ...(Object.keys(params).length ? { params } : {}) };
}

/**
 * The answer carried by a settled sync op: acked = confirmed; parked (the server's refusal,
 * JSON `{code, messageKey, params}`) or a conflict = refused.
 */
export function answerOfSettlement(state: 'acked' | 'parked' | 'conflict', reasonJson: string | null): ServerAnswer {
  if (state === 'acked') return { outcome: 'confirmed' };
  try {
    const r = JSON.parse(reasonJson ?? '') as { code?: unknown; messageKey?: unknown; params?: unknown };
    if (typeof r.messageKey === 'string')
      return {
        outcome: 'refused',
        code: typeof r.code === 'string' ? r.code : 'eid_refused',
        messageKey: r.messageKey,
        ...(r.params && typeof r.params === 'object' ? { params: r.params as MessageParams } : {}),
      };
  } catch {
    // not the server's refusal shape: the generic reason below
  }
  return { outcome: 'refused', code: state === 'conflict' ? 'conflict' : 'eid_refused', messageKey: SERVER_REFUSED_KEY };
}

/**
 * Records the answer on the enablement and audits it as the sync's act. Idempotent: a second
 * answer for the same enablement changes nothing and returns false. Runs inside the caller's
 * transaction when there is one.
 */
export function recordEnablementAnswer(store: Store, at: string, enablementId: string, answer: ServerAnswer): boolean {
  const repo = createEnablementRepo(store.db);
  const write = () => {
    const refusal = answer.outcome === 'refused' ? refusalOf(answer) : undefined;
    if (!repo.decide(enablementId, answer.outcome, at, refusal?.key ?? null)) return false;
    store.audit.append({
      actor: 'system:sync',
      action: 'eid_answer',
      subjectId: enablementId,
      details: {
        outcome: answer.outcome,
        ...(answer.outcome === 'refused' && refusal
          ? { code: answer.code, messageKey: refusal.key, ...(refusal.params ? { params: refusal.params } : {}) }
          : {}),
      },
    });
    return true;
  };
  return store.db.inTransaction ? write() : store.db.transaction(write).immediate();
}

/** The parameters of the server's refusal, kept in the answer's audit entry (the row holds the key). */
export function refusalParams(store: Store, enablementId: string): MessageParams | undefined {
  const answer = store.audit
    .forSubject(enablementId)
    .filter((e) => e.action === 'eid_answer')
    .at(-1);
  const p = answer?.details['params'];
  return p && typeof p === 'object' ? (p as MessageParams) : undefined;
}
