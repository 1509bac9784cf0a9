import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { MeetingStatus } from '@/gql/graphql';

const COLORS: Record<MeetingStatus, string> = {
  DRAFT: 'gray',
  INVITATIONS_SENT: 'blue',
  HELD: 'yellow',
  MINUTES_APPROVED: 'teal',
  CANCELLED: 'red',
};

export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" style={{ textTransform: 'none' }}>
      {t(`meetingStatus.${status}`)}
    </Badge>
  );
}
