import type { TranslateFn } from '../../i18n/locale-store';

export function formatAge(t: TranslateFn, minutes: number): string {
  if (minutes < 60) return t('approval.queue.ageMinutes', { minutes });
  return t('approval.queue.ageHours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}
