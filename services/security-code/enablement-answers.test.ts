import { describe, expect, it } from 'vitest';
import { answerOfSettlement } from './enablement-answers';

// Issue 16 item 2: how a settled eid.enable op becomes the enablement's answer — what the
// clerk then reads is the server's own reason, or a generic one when there is none to read.

describe('the server’s answer from a settled op', () => {
  it.each([
    ['acked', null, { outcome: 'confirmed' }],
    [
      'parked',
      JSON.stringify({ code: 'eid_refused', messageKey: 'sc.check.expired', params: { expiredAt: '23/11/2026 11:17' } }),
      { outcome: 'refused', code: 'eid_refused', messageKey: 'sc.check.expired', params: { expiredAt: '23/11/2026 11:17' } },
    ],
    [
      'parked',
      JSON.stringify({ code: 'eid_nonce_consumed', messageKey: 'eid.server.nonce_consumed' }),
      { outcome: 'refused', code: 'eid_nonce_consumed', messageKey: 'eid.server.nonce_consumed' },
    ],
    ['parked', 'not json', { outcome: 'refused', code: 'eid_refused', messageKey: 'eid.server.refused' }],
    ['conflict', 'conflict', { outcome: 'refused', code: 'conflict', messageKey: 'eid.server.refused' }],
  ] as const)('%s %s', (state, reason, answer) => {
    expect(answerOfSettlement(state, reason)).toEqual(answer);
  });
});
