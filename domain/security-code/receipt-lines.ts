import type { MessageKey, MessageParams } from '../../i18n';
import type { EidTool, EnablementState } from './checks-vocabulary';

/** The line on the person's receipt for one enablement (issue 16: offline it says "queued, completes at sync"). */
export function enablementReceiptLine(r: { tool: EidTool; state: EnablementState; entityNumber: string; staffLoginId: string }): {
  messageKey: MessageKey;
  params: MessageParams;
} {
  return { messageKey: `eid.receipt.${r.tool}.${r.state}`, params: { entityNumber: r.entityNumber, loginId: r.staffLoginId } };
}
