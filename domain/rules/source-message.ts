import type { LocalisedMessage } from '../../i18n';

/** A rule source ('FAQ 5', 'ps-2112a') as a message in the clerk's language. */
export function sourceMessage(source: string): LocalisedMessage {
  const faq = /^FAQ (\d+)$/.exec(source);
  if (faq) return { key: 'rules.source.faq', params: { n: faq[1] ?? '' } };
  return { key: 'rules.source.form', params: { code: source } };
}
