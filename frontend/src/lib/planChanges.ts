import type { TFunction } from 'i18next';

import type { PlanChangeKind } from '@/gql/graphql';

type Change = { kind: PlanChangeKind; subject: string; newQuarter?: string | null; newPosition?: number | null };

/** One line that says what a proposed plan change does (quarterly control and the meeting
 * that decides it word it the same way). */
export function describeChange(t: TFunction, change: Change): string {
  const details = change.kind === 'POSTPONE_TASK' || change.kind === 'ADD_TASK' ? change.newQuarter : change.kind === 'REPRIORITIZE' ? change.newPosition : null;
  return t(`control.describe.${change.kind}`, { subject: change.subject, details: details ?? '' });
}
