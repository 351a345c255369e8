import type { reviewUiZhHant } from './zh-Hant';

export const reviewUiPt: Record<keyof typeof reviewUiZhHant, string> = {
  'approval.queue.col.waiting': 'À espera há',
  'approval.queue.col.application': 'Pedido',
  'approval.queue.col.kind': 'Tipo de pedido',
  'approval.queue.col.submittedBy': 'Entregue por',
  'approval.review.backShortcut': 'Voltar à lista de pedidos pendentes (Esc ou Alt+2)',
  'approval.review.next': 'Pedido seguinte',
  'approval.review.noNext': 'Não há outros pedidos pendentes de aprovação.',
};
