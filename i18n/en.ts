import type { Messages } from './messages';

export const en: Messages = {
  // --- app ---
  'app.title': 'One Account entity counter',
  'app.language': 'Language',
  'app.skipToContent': 'Skip to main content',
  // --- rules ---
  // --- receipt ---
};
