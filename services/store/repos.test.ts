import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './index';
import { openTestStore, tempStoreDir } from './test-support';

describe('settings and sequences', () => {
  let t: ReturnType<typeof tempStoreDir>;
  let store: Store;
  beforeEach(() => {
    t = tempStoreDir();
    store = openTestStore(t.dir, t.key);
  });
  afterEach(() => {
    store.close();
    t.cleanup();
  });

  it('settings have defaults, and a change is audited with the old and new value', () => {
    expect(store.settings.get('retention.scanDays')).toBe(30);
    store.settings.set('retention.scanDays', 14, 'admin1');
    expect(store.settings.get('retention.scanDays')).toBe(14);
    const e = store.audit.recent(1)[0];
    expect(e).toMatchObject({ action: 'settings_change', actor: 'admin1', details: { key: 'retention.scanDays', from: null, to: 14 } });
  });

  it('hands out application-number sequences per day, never twice, surviving a restart', () => {
    expect([store.sequences.nextSequence('2026-11-23'), store.sequences.nextSequence('2026-11-23')]).toEqual([1, 2]);
    expect(store.sequences.nextSequence('2026-11-24')).toBe(1);
    store.close();
    store = openTestStore(t.dir, t.key);
    expect(store.sequences.nextSequence('2026-11-23')).toBe(3);
    expect(() => store.sequences.nextSequence('23/11/2026')).toThrow(TypeError);
  });
});
