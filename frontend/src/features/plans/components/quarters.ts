import type { MetricStatus, TaskState } from '@/gql/graphql';

/** A quarter as the API writes it, `2026-Q3`. */
export type QuarterText = string;

export function parseQuarter(text: QuarterText | null | undefined): { year: number; quarter: number } | null {
  const match = /^(\d{4})-Q([1-4])$/.exec(text ?? '');
  return match ? { year: Number(match[1]), quarter: Number(match[2]) } : null;
}

export function quarterText(year: number, quarter: number): QuarterText {
  return `${year}-Q${quarter}`;
}

/** `count` quarters on from `text` (negative goes back). */
export function addQuarters(text: QuarterText, count: number): QuarterText {
  const q = parseQuarter(text);
  if (!q) return text;
  const index = q.year * 4 + (q.quarter - 1) + count;
  return quarterText(Math.floor(index / 4), (index % 4) + 1);
}

/** Every quarter from `first` to `last`, both included, oldest first. */
export function quartersBetween(first: QuarterText, last: QuarterText): QuarterText[] {
  const out: QuarterText[] = [];
  for (let q = first; q <= last && out.length < 200; q = addQuarters(q, 1)) out.push(q);
  return out;
}

/** The quarter a day (`YYYY-MM-DD`) falls in. */
export function quarterOf(day: string): QuarterText {
  return quarterText(Number(day.slice(0, 4)), Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1);
}

export const STATUS_COLOR: Record<MetricStatus, string> = { ON_TRACK: 'teal', AT_RISK: 'yellow', OFF_TRACK: 'red', NO_DATA: 'gray' };
/** The same statuses on a filled badge: shades dark enough for white text (WCAG AA), yellow
 * light enough for black. */
export const STATUS_FILL: Record<MetricStatus, string> = { ON_TRACK: 'teal.9', AT_RISK: 'yellow.4', OFF_TRACK: 'red.9', NO_DATA: 'gray.7' };
export const STATE_COLOR: Record<TaskState, string> = { PLANNED: 'gray', IN_PROGRESS: 'blue', LATE: 'red', DONE: 'teal', DROPPED: 'dark' };
