import type { duplicatesZhHant } from './zh-Hant';

export const duplicatesEn: Record<keyof typeof duplicatesZhHant, string> = {
  'intake.sameName.title': 'Same name: compare (FAQ 8: one account per entity)',
  'intake.sameName.reason': 'Why it is another entity (e.g. a different registration number, address or person in charge)',
  'intake.sameName.record': 'Record as another entity',
  'intake.sameName.reasonRequired': 'Enter why it is another entity first.',
  'intake.sameName.entity': 'Entity {entityNumber} ({names})',
  'intake.sameName.application': 'Application {applicationNumber} ({names})',
  'intake.otherDraft.title': 'A colleague is also taking in an application for the same entity (this does not stop submission)',
  'history.action.distinct_entity': 'Recorded as another entity (FAQ 8)',
  'approval.data.distinct.title': 'Same name, recorded as another entity (FAQ 8)',
  'approval.data.distinct.item': '{subject}: {reason} ({by}, {at})',
};
