import type { datesZhHant } from './zh-Hant';

export const datesPt: Record<keyof typeof datesZhHant, string> = {
  'date.invalid': 'Introduza uma data válida no formato dd/mm/aaaa, por exemplo 28/11/2026.',
  'date.hint': 'Formato: dd/mm/aaaa; as setas para cima e para baixo mudam um dia.',
};
