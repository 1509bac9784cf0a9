import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { MeetingStatus } from '@/gql/graphql';

/** A meeting's status as lists show it: a held meeting whose minutes are out for comments says so. */
export type ListedStatus = MeetingStatus | 'MINUTES_CIRCULATED';

const COLORS: Record<ListedStatus, string> = {
  DRAFT: 'gray',
  INVITATIONS_SENT: 'blue',
  HELD: 'yellow',
  MINUTES_CIRCULATED: 'orange',
  MINUTES_APPROVED: 'teal',
  CANCELLED: 'red',
};

/** The status a list shows: `minutes` are the meeting's versions, oldest first. */
export function listedStatus(status: MeetingStatus, minutes: readonly { status: string }[]): ListedStatus {
  return status === 'HELD' && minutes.at(-1)?.status === 'CIRCULATED' ? 'MINUTES_CIRCULATED' : status;
}

export function MeetingStatusBadge({ status }: { status: ListedStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" style={{ textTransform: 'none' }} data-meeting-status={status}>
      {t(`meetingStatus.${status}`)}
    </Badge>
  );
}
