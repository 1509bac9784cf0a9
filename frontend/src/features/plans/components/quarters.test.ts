import { describe, expect, it } from 'vitest';

import { addQuarters, parseQuarter, quarterOf, quartersBetween } from './quarters';

describe('quarters', () => {
  it('counts across years both ways', () => {
    expect(addQuarters('2026-Q4', 1)).toBe('2027-Q1');
    expect(addQuarters('2026-Q1', -1)).toBe('2025-Q4');
    expect(addQuarters('2026-Q2', -9)).toBe('2024-Q1');
  });
  it('lists the quarters between two, both included', () => {
    expect(quartersBetween('2025-Q3', '2026-Q2')).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(quartersBetween('2026-Q2', '2025-Q3')).toEqual([]);
  });
  it('reads only real quarters', () => {
    expect(parseQuarter('2026-Q3')).toEqual({ year: 2026, quarter: 3 });
    expect(parseQuarter('2026-Q5')).toBeNull();
    expect(quarterOf('2026-12-01')).toBe('2026-Q4');
  });
});
