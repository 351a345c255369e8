import type { dayEndZhHant } from './zh-Hant';

export const dayEndPt: Record<keyof typeof dayEndZhHant, string> = {
  'dayEnd.apps.title': 'Pedidos do dia ({count})',
  'dayEnd.apps.none': 'Não houve pedidos neste dia.',
  'dayEnd.apps.number': 'N.º de pedido',
  'dayEnd.apps.kind': 'Tipo de pedido',
  'dayEnd.apps.entity': 'Nome da entidade',
  'dayEnd.apps.status': 'Estado',
  'dayEnd.apps.takenInBy': 'Recebido por',
  'dayEnd.apps.decidedBy': 'Decidido por',
  'dayEnd.apps.noNumber': '(sem número)',
  'dayEnd.apps.continued': '(continuação)',
  'dayEnd.signOff.title': 'Confirmação',
  'dayEnd.signOff.clerk': 'Funcionário do balcão',
  'dayEnd.signOff.supervisor': 'Supervisor',
  'dayEnd.signOff.name': 'Nome',
  'dayEnd.signOff.signature': 'Assinatura',
  'dayEnd.signOff.date': 'Data',
  'dayEnd.page': 'Página {page} de {pages}',
};
