import { describe, expect, it } from 'vitest';
import { translate } from '../../../../i18n';
import type { TranslateFn } from '../../i18n/locale-store';
import { decisionReasonText } from './decision-reason';

const zh: TranslateFn = (key, params) => translate('zh-Hant', key, params);

describe('decision reason in the history', () => {
  it.each([
    ['a coded rejection with text', '[documents_missing] 欠商業登記證明', '欠缺所需文件：欠商業登記證明'],
    ['a coded rejection without text', '[duplicate]', '重複申請'],
    ['an unknown code is shown as written', '[made_up] x', '[made_up] x'],
    ['return notes are shown as written', '請補交身份證副本', '請補交身份證副本'],
  ])('%s', (_name, stored, shown) => {
    expect(decisionReasonText(zh, stored)).toBe(shown);
  });
});
