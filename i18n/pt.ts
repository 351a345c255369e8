import type { Messages } from './messages';

// Portuguese. Terms of the Macao One Account domain are our working translation
// (shared/domain/README.md, "Words"); replace them here when SAFP's glossary is available.
export const pt: Messages = {
  // --- app ---
  'app.title': 'Balcão da Conta Única — contas de entidade',
  'app.language': 'Idioma',
  'app.skipToContent': 'Saltar para o conteúdo principal',
  // --- rules ---
  // --- receipt ---
};
