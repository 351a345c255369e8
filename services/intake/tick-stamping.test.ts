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

describe('stampTicks on records with content (FAQ 8: another entity, issue 13 item 7)', () => {
  type Distinct = Tick & { reason: string };
  it('stamps a new record, keeps an unchanged one, restamps a changed reason', () => {
    const stored: Record<string, Distinct> = { 'entity.E1': { reason: '地址不同', by: 'C2', at: T0 }, 'entity.E2': { reason: 'x', by: 'C2', at: T0 } };
    const incoming: Record<string, Distinct> = {
      'entity.E1': { reason: '地址不同', by: 'Z', at: 'z' },
      'entity.E2': { reason: '登記編號不同', by: 'C2', at: T0 },
      'entity.E3': { reason: 'new', by: 'Z', at: 'z' },
    };
    expect(stampTicks(stored, incoming, 'C1', NOW)).toEqual({
      'entity.E1': { reason: '地址不同', by: 'C2', at: T0 },
      'entity.E2': { reason: '登記編號不同', by: 'C1', at: NOW },
      'entity.E3': { reason: 'new', by: 'C1', at: NOW },
    });
  });
});
