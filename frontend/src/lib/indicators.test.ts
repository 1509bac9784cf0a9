import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';

import type { Indicator, Withheld } from '@/gql/graphql';

import { changeText, figureText, figureWithChange, series, yearEarlier } from './indicators';

const t = ((key: string, values?: Record<string, unknown>) => (key === 'indicators.points' ? `${values?.value} pts` : key === 'indicators.withheldMark' ? '•' : key)) as unknown as TFunction;
const format = { locale: 'en-GB', number: (v: number | null | undefined) => (v == null ? '' : new Intl.NumberFormat('en-GB').format(v)) };

describe('indicator figures', () => {
  it('are written as every view writes them: small counts, withheld cells, rates and wages', () => {
    expect(figureText({ indicator: 'JOB_SEEKERS_MEN', value: null, withheld: 'SMALL' }, format, t, 10)).toBe('<10');
    expect(figureText({ indicator: 'JOB_SEEKERS', value: null, withheld: 'COMPLEMENTARY' }, format, t, 10)).toBe('•');
    expect(figureText({ indicator: 'UNEMPLOYMENT_RATE', value: 6.24 }, format, t, 10)).toBe('6.2%');
    expect(figureText({ indicator: 'AVERAGE_WAGE', value: 12_734.4 }, format, t, 10)).toBe('₪12,734');
    expect(figureText({ indicator: 'JOBS', value: null }, format, t, 10)).toBe('—');
    expect(figureText(undefined, format, t, 10)).toBe('—');
  });

  it('carry their change on a year earlier, signed, in points for a rate', () => {
    expect(changeText('JOB_SEEKERS', 35, format, t)).toBe('+35');
    expect(changeText('JOB_SEEKERS', -12.4, format, t)).toBe('−12');
    expect(changeText('UNEMPLOYMENT_RATE', -0.44, format, t)).toBe('−0.4 pts');
    expect(changeText('JOBS', null, format, t)).toBe('');
  });

  it('find the same period a year earlier, as a month or a quarter', () => {
    expect(yearEarlier('2026-Q3')).toBe('2025-Q3');
    expect(yearEarlier('2026-09')).toBe('2025-09');
    type Figure = { indicator: Indicator; value: number | null; withheld?: Withheld | null };
    const latest = { period: '2026-Q3', figures: [{ indicator: 'JOBS', value: 120 }] as Figure[] };
    const periods: { period: string; figures: Figure[] }[] = [
      latest,
      { period: '2026-Q2', figures: [{ indicator: 'JOBS', value: null, withheld: 'SMALL' }] },
      { period: '2025-Q3', figures: [{ indicator: 'JOBS', value: 100 }] },
    ];
    expect(figureWithChange(periods, latest, 'JOBS').change).toBe(20);
    // Withheld points are left out; time runs the way the language reads.
    expect(series(periods, 'JOBS', false)).toEqual([100, 120]);
    expect(series(periods, 'JOBS', true)).toEqual([120, 100]);
  });
});
