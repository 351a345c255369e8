// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerSettingsList } from './ServerSettingsList';

afterEach(cleanup);

describe('settings set by the central server (Settings, read-only)', () => {
  it('lists them in the clerk’s words — booleans and paper as words, no control to change them', () => {
    render(
      <ServerSettingsList
        items={[
          { key: 'auth.idleMinutes', value: 4, pulledAt: '2026-11-23T02:00:00.000Z' },
          { key: 'receipts.paperSize', value: 'roll80', pulledAt: '2026-11-23T02:00:00.000Z' },
          { key: 'sync.sessionRequired', value: true, pulledAt: '2026-11-23T02:00:00.000Z' },
          { key: 'something.new', value: 1, pulledAt: '2026-11-23T02:00:00.000Z' },
        ]}
      />,
    );
    const section = screen.getByRole('region', { name: '由中央系統設定' });
    const text = section.textContent ?? '';
    expect(text).toContain('閒置多少分鐘後鎖定畫面4');
    expect(text).toContain('收據紙張80 毫米熱敏紙卷');
    expect(text).toContain('每項操作須由本人登入中央系統確認是');
    expect(text).not.toContain('something.new');
    expect(within(section).queryAllByRole('textbox')).toEqual([]);
    expect(within(section).queryAllByRole('button')).toEqual([]);
  });

  it('shows nothing when the server set nothing this workstation knows', () => {
    const { container } = render(<ServerSettingsList items={[]} />);
    expect(container.textContent).toBe('');
  });
});
