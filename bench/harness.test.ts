import { describe, expect, it } from 'vitest';
import { summarise } from './harness';

describe('bench summarise', () => {
  it('reports nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    const s = summarise('x', xs);
    expect(s.p50).toBe(50);
    expect(s.p99).toBe(99);
    expect(s.mean).toBeCloseTo(50.5);
  });
});
