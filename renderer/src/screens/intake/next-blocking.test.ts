import { describe, expect, it } from 'vitest';
import type { Requirement } from '../../../../domain/rules';
import { nextBlocking } from './next-blocking';

const req = (id: string, status: Requirement['status'], blocking = true): Requirement => ({
  id,
  status,
  blocking,
  source: 'FAQ 5',
  message: { key: 'intake.check.ready' },
});

describe('Ctrl+Enter: the next blocking item', () => {
  const list = [req('a', 'missing'), req('b', 'met'), req('c', 'missing', false), req('d', 'missing'), req('e', 'missing')];

  it('starts at the first blocking item, then goes down the list past met items and warnings, and wraps round', () => {
    expect(nextBlocking(list, null)?.id).toBe('a');
    expect(nextBlocking(list, 'a')?.id).toBe('d');
    expect(nextBlocking(list, 'd')?.id).toBe('e');
    expect(nextBlocking(list, 'e')?.id).toBe('a');
  });

  it('an item settled since the last jump keeps the place: the clerk is not sent back to the top', () => {
    const settled = list.map((r) => (r.id === 'd' ? { ...r, status: 'met' as const } : r));
    expect(nextBlocking(settled, 'd')?.id).toBe('e');
  });

  it('an item that is gone (a person removed) starts again at the first; nothing blocking gives null', () => {
    expect(nextBlocking(list, 'gone')?.id).toBe('a');
    expect(nextBlocking([req('a', 'met'), req('c', 'missing', false)], 'a')).toBeNull();
  });
});
