// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorNotice } from './ErrorNotice';

describe('ErrorNotice', () => {
  afterEach(cleanup);

  it.each<[string, Parameters<typeof ErrorNotice>[0]['error'], string]>([
    [
      'a status in the refusal is named as on screen',
      { code: 'conflict', message: 'x', messageKey: 'approval.error.wrongState', params: { status: 'rejected' } },
      '此申請目前的狀態（不批准）不能進行此操作。',
    ],
    [
      'an unknown status stays as sent',
      { code: 'conflict', message: 'x', messageKey: 'approval.error.wrongState', params: { status: 'archived' } },
      '此申請目前的狀態（archived）不能進行此操作。',
    ],
    ['no message key: the generic message, never the raw text', { code: 'internal', message: 'SQLITE_CORRUPT' }, ''],
  ])('%s', (_name, error, expected) => {
    render(<ErrorNotice error={error} />);
    const text = screen.getByRole('alert').textContent ?? '';
    if (expected) expect(text).toBe(expected);
    else expect(text).not.toContain('SQLITE');
  });
});
