// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLocaleStore } from '../i18n/locale-store';
import { DateField } from './DateField';

function Harness({ initial = '', onChange }: { initial?: string; onChange: (v: string) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <DateField
        label="有效期至"
        value={value}
        onChange={(v) => {
          setValue(v);
          onChange(v);
        }}
      />
      <output data-testid="form">{value}</output>
    </>
  );
}

const input = () => screen.getByLabelText('有效期至');

describe('DateField', () => {
  beforeEach(() => useLocaleStore.setState({ locale: 'zh-Hant' }));
  afterEach(cleanup);

  it('shows the form’s yyyy-mm-dd day first, as the language writes it, not as the browser’s locale would', () => {
    render(<Harness initial="2026-11-29" onChange={vi.fn()} />);
    expect(input()).toHaveProperty('value', '29/11/2026');
    expect(input().getAttribute('type')).not.toBe('date');
    expect(input().getAttribute('placeholder')).toBe('日/月/年');
  });

  it('gives the form yyyy-mm-dd for a day typed day first, and shows it in the one format after leaving', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    fireEvent.change(input(), { target: { value: '1.2.2027' } });
    expect(onChange).toHaveBeenLastCalledWith('2027-02-01');
    fireEvent.blur(input());
    expect(input()).toHaveProperty('value', '01/02/2027');
  });

  it('accepts ISO yyyy-mm-dd typed or pasted', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    fireEvent.change(input(), { target: { value: '2030-12-31' } });
    expect(onChange).toHaveBeenLastCalledWith('2030-12-31');
    fireEvent.blur(input());
    expect(input()).toHaveProperty('value', '31/12/2030');
  });

  it('keeps a wrong date as typed, tells the clerk in their language after leaving, and gives the form no date', () => {
    useLocaleStore.setState({ locale: 'pt' });
    const onChange = vi.fn();
    render(<Harness initial="2026-11-28" onChange={onChange} />);
    fireEvent.change(input(), { target: { value: '11/29/2026' } });
    expect(onChange).toHaveBeenLastCalledWith('');
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.blur(input());
    expect(input()).toHaveProperty('value', '11/29/2026');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('dd/mm/aaaa');
    expect(screen.getByTestId('form').textContent).toBe('');
  });

  it('moves a day with the arrow keys, across a month end', () => {
    const onChange = vi.fn();
    render(<Harness initial="2026-11-30" onChange={onChange} />);
    fireEvent.keyDown(input(), { key: 'ArrowUp' });
    expect(input()).toHaveProperty('value', '01/12/2026');
    fireEvent.keyDown(input(), { key: 'ArrowDown' });
    fireEvent.keyDown(input(), { key: 'ArrowDown' });
    expect(onChange).toHaveBeenLastCalledWith('2026-11-29');
    expect(input()).toHaveProperty('value', '29/11/2026');
  });

  it('clearing the field clears the date', () => {
    const onChange = vi.fn();
    render(<Harness initial="2026-11-28" onChange={onChange} />);
    fireEvent.change(input(), { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith('');
    fireEvent.blur(input());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the form’s new date when the form changes it, replacing a half-typed one', () => {
    const { rerender } = render(<DateField label="有效期至" value="" onChange={vi.fn()} />);
    fireEvent.change(input(), { target: { value: '31/02' } });
    expect(input()).toHaveProperty('value', '31/02');
    rerender(<DateField label="有效期至" value="2027-03-04" onChange={vi.fn()} />);
    expect(input()).toHaveProperty('value', '04/03/2027');
  });
});
