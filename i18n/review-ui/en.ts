import type { reviewUiZhHant } from './zh-Hant';

export const reviewUiEn: Record<keyof typeof reviewUiZhHant, string> = {
  'approval.queue.col.waiting': 'Waiting for',
  'approval.queue.col.application': 'Application',
  'approval.queue.col.kind': 'Kind',
  'approval.queue.col.submittedBy': 'Submitted by',
  'approval.review.backShortcut': 'Back to the approval queue (Esc or Alt+2)',
  'approval.review.next': 'Next application',
  'approval.review.noNext': 'No other application is waiting for approval.',
};
