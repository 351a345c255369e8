// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TextField } from './TextField';

// A clerk typing Chinese with an input method: pinyin is composed in the field before the
// characters are chosen. The form (autosave, checklist, validation) must see only the chosen
// characters, and nothing typed may be dropped.

function Harness({ onChange, onCommit }: { onChange: (v: string) => void; onCommit: (v: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <TextField
      label="中文名稱"
      value={value}
      error={value === '' ? '必填' : undefined}
      onChange={(v) => {
        setValue(v);
        onChange(v);
      }}
      onCommit={onCommit}
    />
  );
}

describe('TextField with an input method', () => {
  afterEach(cleanup);

  it('reports nothing while composing, shows the composition, then reports the chosen characters once', () => {
    const onChange = vi.fn();
    const onCommit = vi.fn();
    render(<Harness onChange={onChange} onCommit={onCommit} />);
    const input = screen.getByLabelText('中文名稱') as HTMLInputElement;
    fireEvent.compositionStart(input);
    for (const partial of ['a', 'ao', 'aom', 'aomen']) fireEvent.change(input, { target: { value: partial } });
    expect(input.value).toBe('aomen'); // the clerk sees what they compose
    expect(onChange).not.toHaveBeenCalled();
    expect(onCommit).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: '澳門' } });
    fireEvent.compositionEnd(input, { target: { value: '澳門' } });
    expect(onChange.mock.calls).toEqual([['澳門']]);
    expect(onCommit.mock.calls).toEqual([['澳門']]);
    expect(input.value).toBe('澳門');
  });

  it('leaving the field mid-composition commits nothing half-composed; the chosen characters are committed when composition ends', () => {
    const onCommit = vi.fn();
    render(<Harness onChange={vi.fn()} onCommit={onCommit} />);
    const input = screen.getByLabelText('中文名稱');
    fireEvent.compositionStart(input);
    fireEvent.change(input, { target: { value: 'jie' } });
    fireEvent.blur(input);
    expect(onCommit).not.toHaveBeenCalled();
    fireEvent.compositionEnd(input, { target: { value: '街' } });
    expect(onCommit.mock.calls).toEqual([['街']]);
    // Validation follows the committed value: nothing flagged once there is text.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Latin typing (no composition) is reported on every keystroke', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} onCommit={vi.fn()} />);
    const input = screen.getByLabelText('中文名稱');
    fireEvent.change(input, { target: { value: 'A' } });
    fireEvent.change(input, { target: { value: 'As' } });
    expect(onChange.mock.calls).toEqual([['A'], ['As']]);
  });
});
