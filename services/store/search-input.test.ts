import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, tempStoreDir } from './test-support';

// Issue 12, item 9: a NUL in a search query reached FTS5 and came back as SQLITE_ERROR
// ("unterminated string"), i.e. an internal error for the clerk.
describe('search input', () => {
  let t: ReturnType<typeof tempStoreDir> | undefined;
  afterEach(() => t?.cleanup());

  it.each([
    ['澳門\0測試', 0],
    ['abc\0', 1],
    ['\0\0\0', 0],
    ['"\0"', 0],
    ['測試\u0007會社', 0],
    ['\u0085澳門測試', 1],
  ])('answers %j with what it finds, not an FTS error', (q, found) => {
    t = tempStoreDir();
    const store = openTestStore(t.dir, t.key);
    const d = store.applications.createDraft({
      kind: 'first_application',
      data: {},
      search: { entityNames: ['澳門測試會社', 'abcdef Limited'], registrationNumbers: [], idNumbers: [] },
      actor: 'clerk',
    });
    // A control character reads as a space: the rest of the query still finds the record.
    expect(store.applications.search(q).map((s) => s.id)).toEqual(found ? [d.id] : []);
    store.close();
  });
});
