import type { dayEndZhHant } from './zh-Hant';

export const dayEndEn: Record<keyof typeof dayEndZhHant, string> = {
  'dayEnd.apps.title': 'Applications of the day ({count})',
  'dayEnd.apps.none': 'No applications on this day.',
  'dayEnd.apps.number': 'Application no.',
  'dayEnd.apps.kind': 'Kind',
  'dayEnd.apps.entity': 'Entity name',
  'dayEnd.apps.status': 'Status',
  'dayEnd.apps.takenInBy': 'Taken in by',
  'dayEnd.apps.decidedBy': 'Decided by',
  'dayEnd.apps.noNumber': '(no number)',
  'dayEnd.apps.continued': '(continued)',
  'dayEnd.signOff.title': 'Sign-off',
  'dayEnd.signOff.clerk': 'Counter clerk',
  'dayEnd.signOff.supervisor': 'Supervisor',
  'dayEnd.signOff.name': 'Name',
  'dayEnd.signOff.signature': 'Signature',
  'dayEnd.signOff.date': 'Date',
  'dayEnd.page': 'Page {page} of {pages}',
};
