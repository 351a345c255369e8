import { describe, expect, it } from 'vitest';
import type { Tick } from '../../domain/model/application';
import { stampTicks } from './tick-stamping';

type Row = { case: string; stored: Record<string, Tick>; incoming: Record<string, Tick>; want: Record<string, Tick> };

const T0 = '2026-11-23T01:00:00.000Z';
const NOW = '2026-11-23T02:00:00.000Z';

describe('stampTicks', () => {
  it.each<Row>([
    {
      case: 'new tick gets the caller and now, forged by/at ignored',
      stored: {},
      incoming: { a: { by: 'X', at: '1999' } },
      want: { a: { by: 'C1', at: NOW } },
    },
    {
      case: 'stored tick keeps who ticked it first',
      stored: { a: { by: 'C2', at: T0 } },
      incoming: { a: { by: 'C1', at: NOW } },
      want: { a: { by: 'C2', at: T0 } },
    },
    { case: 'untick removes it', stored: { a: { by: 'C2', at: T0 } }, incoming: {}, want: {} },
    {
      case: 'mixed',
      stored: { a: { by: 'C2', at: T0 } },
      incoming: { a: { by: 'Z', at: 'z' }, b: { by: 'Z', at: 'z' } },
      want: { a: { by: 'C2', at: T0 }, b: { by: 'C1', at: NOW } },
    },
    {
      case: 'a key named like an Object property is a new tick',
      stored: {},
      incoming: { constructor: { by: 'Z', at: 'z' } },
      want: { constructor: { by: 'C1', at: NOW } },
    },
  ])('$case', ({ stored, incoming, want }) => {
    expect(stampTicks(stored, incoming, 'C1', NOW)).toEqual(want);
  });
});
