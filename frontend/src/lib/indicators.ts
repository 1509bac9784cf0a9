import type { TFunction } from 'i18next';

import type { Indicator, Withheld } from '@/gql/graphql';

/** The indicators grouped as the town's data page shows them. */
export const INDICATOR_GROUPS: { key: string; indicators: Indicator[] }[] = [
  { key: 'jobSeekers', indicators: ['JOB_SEEKERS'] },
  { key: 'gender', indicators: ['JOB_SEEKERS_WOMEN', 'JOB_SEEKERS_MEN'] },
  { key: 'age', indicators: ['JOB_SEEKERS_AGE_18_30', 'JOB_SEEKERS_AGE_31_44', 'JOB_SEEKERS_AGE_45_59', 'JOB_SEEKERS_AGE_60_PLUS'] },
  { key: 'education', indicators: ['JOB_SEEKERS_EDUCATION_BASIC', 'JOB_SEEKERS_EDUCATION_MATRICULATION', 'JOB_SEEKERS_EDUCATION_POST_SECONDARY', 'JOB_SEEKERS_EDUCATION_ACADEMIC'] },
  { key: 'population', indicators: ['JOB_SEEKERS_GROUP_GENERAL', 'JOB_SEEKERS_GROUP_HAREDI', 'JOB_SEEKERS_GROUP_ARAB'] },
  { key: 'labour', indicators: ['LABOUR_FORCE', 'UNEMPLOYED', 'UNEMPLOYMENT_RATE'] },
  { key: 'wages', indicators: ['AVERAGE_WAGE', 'WAGE_EMPLOYEES'] },
  { key: 'economy', indicators: ['EMPLOYERS', 'JOBS'] },
];

/** The figures a town's card leads with. */
export const HEADLINE: Indicator[] = ['JOB_SEEKERS', 'UNEMPLOYMENT_RATE', 'AVERAGE_WAGE', 'EMPLOYERS', 'JOBS'];

/** `1` when more is better for the town, `-1` when fewer is (job seekers, unemployment). */
export function betterWhen(indicator: Indicator): 1 | -1 {
  return ['AVERAGE_WAGE', 'WAGE_EMPLOYEES', 'EMPLOYERS', 'JOBS', 'LABOUR_FORCE'].includes(indicator) ? 1 : -1;
}

type Figure = { indicator: Indicator; value?: number | null; withheld?: Withheld | null };
type Numbers = { number: (value: number | null | undefined) => string; locale: string };

/** A figure as every view writes it: "<10" when small, • when withheld to protect one, a
 * rate with one decimal, a wage in shekels. */
export function figureText(figure: Figure | undefined, format: Numbers, t: TFunction, threshold: number): string {
  if (!figure) return '—';
  if (figure.withheld === 'SMALL') return `<${format.number(threshold)}`;
  if (figure.withheld === 'COMPLEMENTARY') return t('indicators.withheldMark');
  if (figure.value == null) return '—';
  if (figure.indicator === 'UNEMPLOYMENT_RATE') return `${new Intl.NumberFormat(format.locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(figure.value)}%`;
  if (figure.indicator === 'AVERAGE_WAGE') return `₪${format.number(Math.round(figure.value))}`;
  return format.number(Math.round(figure.value));
}

/** A change on a year earlier, signed ("+35", "−0.4 points"); empty when there is none. */
export function changeText(indicator: Indicator, change: number | null | undefined, format: Numbers, t: TFunction): string {
  if (change == null) return '';
  const rate = indicator === 'UNEMPLOYMENT_RATE';
  const size = new Intl.NumberFormat(format.locale, { maximumFractionDigits: rate ? 1 : 0 }).format(Math.abs(change));
  const signed = `${change > 0 ? '+' : change < 0 ? '−' : ''}${size}`;
  return rate ? t('indicators.points', { value: signed }) : signed;
}

/** The same period a year earlier: `2026-Q3` → `2025-Q3`, `2026-09` → `2025-09`. */
export function yearEarlier(period: string): string {
  const year = Number(period.slice(0, 4));
  return `${year - 1}${period.slice(4)}`;
}

type Period<F extends Figure> = { period: string; figures: F[] };

/** An indicator's figure in a period, and its change on a year earlier when both are shown. */
export function figureWithChange<F extends Figure>(periods: Period<F>[], at: Period<F>, indicator: Indicator): { figure?: F; change: number | null } {
  const figure = at.figures.find((f) => f.indicator === indicator);
  const before = periods.find((p) => p.period === yearEarlier(at.period))?.figures.find((f) => f.indicator === indicator);
  const change = figure?.value != null && before?.value != null ? figure.value - before.value : null;
  return { figure, change };
}

/** An indicator's shown values for a sparkline (withheld points left out), oldest first — or,
 * in a right-to-left language, newest first, so time reads as the metric charts read it. */
export function series<F extends Figure>(periods: Period<F>[], indicator: Indicator, rtl: boolean): number[] {
  const values = periods.map((p) => p.figures.find((f) => f.indicator === indicator)?.value).filter((v): v is number => v != null);
  return rtl ? values : values.reverse();
}
