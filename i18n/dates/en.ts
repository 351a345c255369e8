import type { datesZhHant } from './zh-Hant';

export const datesEn: Record<keyof typeof datesZhHant, string> = {
  'date.invalid': 'Enter a valid date as dd/mm/yyyy, for example 28/11/2026.',
  'date.hint': 'Format: dd/mm/yyyy; the up and down arrow keys change it by a day.',
};
