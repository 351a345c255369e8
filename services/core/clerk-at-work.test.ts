import { describe, expect, it } from 'vitest';
import { AT_WORK_MS, createClerkAtWork } from './clerk-at-work';

describe('clerk at work', () => {
  it('is at work for a few seconds after an autosave, not after the screens’ own polls', () => {
    let t = 1_000;
    const clerk = createClerkAtWork({ now: () => t });
    expect(clerk.atWork()).toBe(false);
    clerk.saw('sync.status');
    clerk.saw('intake.list');
    expect(clerk.atWork()).toBe(false);
    clerk.saw('intake.save');
    expect(clerk.atWork()).toBe(true);
    t += AT_WORK_MS - 1;
    expect(clerk.atWork()).toBe(true);
    t += 1;
    expect(clerk.atWork()).toBe(false);
  });
});
