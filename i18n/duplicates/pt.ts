import type { duplicatesZhHant } from './zh-Hant';

export const duplicatesPt: Record<keyof typeof duplicatesZhHant, string> = {
  'intake.sameName.title': 'Nome igual: compare (pergunta frequente n.º 8: uma conta por entidade)',
  'intake.sameName.reason': 'Porque se trata de outra entidade (p. ex. número de registo, morada ou responsável diferentes)',
  'intake.sameName.record': 'Registar como outra entidade',
  'intake.sameName.reasonRequired': 'Indique primeiro porque se trata de outra entidade.',
  'intake.sameName.entity': 'Entidade {entityNumber} ({names})',
  'intake.sameName.application': 'Pedido {applicationNumber} ({names})',
  'intake.otherDraft.title': 'Um colega também está a registar um pedido da mesma entidade (não impede a submissão)',
  'history.action.distinct_entity': 'Registado como outra entidade (pergunta frequente n.º 8)',
  'approval.data.distinct.title': 'Nome igual, registado como outra entidade (pergunta frequente n.º 8)',
  'approval.data.distinct.item': '{subject}: {reason} ({by}, {at})',
};
