import { describe, expect, it } from 'vitest';
import { matchesShortcut } from './use-shortcuts';

const ev = (key: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {}) => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe('matchesShortcut', () => {
  it.each([
    [ev('n', { altKey: true }), 'Alt+N', true],
    [ev('N', { altKey: true, shiftKey: true }), 'Alt+N', false],
    [ev('n'), 'Alt+N', false],
    [ev('Enter', { ctrlKey: true }), 'Ctrl+Enter', true],
    [ev('Enter'), 'Ctrl+Enter', false],
    [ev('Escape'), 'Escape', true],
    [ev('ArrowDown', { altKey: true }), 'Alt+ArrowDown', true],
    [ev('ArrowDown', { altKey: true, ctrlKey: true }), 'Alt+ArrowDown', false],
  ])('%o vs %s', (e, keys, expected) => {
    expect(matchesShortcut(e, keys)).toBe(expected);
  });
});
