import { translate, type MessageKey, type MessageParams } from '../../i18n';

/**
 * UI text as the clerk sees it (Traditional Chinese, the app's first language), named by its
 * catalogue key: a wording change is one edit in i18n/zh-Hant.ts, not a hunt through the E2E files.
 * Test data (company and person names typed into forms) stays literal.
 */
export function t(key: MessageKey, params?: MessageParams): string {
  return translate('zh-Hant', key, params);
}
