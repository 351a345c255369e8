import type { MessageKey, MessageParams } from '../../i18n';
import type { CheckStatus, VerdictAdvice } from './checks-vocabulary';

/** One check's outcome, as the screen lists it (the contract's CheckResult). */
export interface CheckResult<Id extends string> {
  id: Id;
  status: CheckStatus;
  source: string;
  messageKey: MessageKey;
  params?: MessageParams;
}

/** A failed check: its reason, and what the clerk should do next if it is the first failure. */
export interface Failure {
  key: MessageKey;
  params?: MessageParams;
  advice: Exclude<VerdictAdvice, 'none'>;
}

/** pass | a failure | not_checked (what it needs is missing because an earlier check failed). */
export type Outcome = 'pass' | Failure | 'not_checked';

export interface CheckRow<Id extends string, C> {
  id: Id;
  source: string;
  passKey: MessageKey | ((c: C) => { key: MessageKey; params?: MessageParams });
  run(c: C): Outcome;
}

/**
 * Runs a table of checks over one context. Every check runs (the clerk sees everything at
 * once); the advice comes from the first failure in table order.
 */
export function runChecks<Id extends string, C>(table: readonly CheckRow<Id, C>[], c: C): { ok: boolean; checks: CheckResult<Id>[]; advice: VerdictAdvice } {
  let advice: VerdictAdvice = 'none';
  const checks = table.map((row): CheckResult<Id> => {
    const o = row.run(c);
    if (o === 'pass') {
      const p = typeof row.passKey === 'function' ? row.passKey(c) : { key: row.passKey };
      return { id: row.id, status: 'pass', source: row.source, messageKey: p.key, ...(p.params ? { params: p.params } : {}) };
    }
    if (o === 'not_checked') return { id: row.id, status: 'not_checked', source: row.source, messageKey: 'sc.check.not_checked' };
    if (advice === 'none') advice = o.advice;
    return { id: row.id, status: 'fail', source: row.source, messageKey: o.key, ...(o.params ? { params: o.params } : {}) };
  });
  return { ok: advice === 'none', checks, advice };
}
