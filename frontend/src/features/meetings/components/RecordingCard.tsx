import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';

import { useFormat } from '@/hooks/useFormat';

import { MeetingsToRecordQuery } from '../api/queries';

/** For those who plan the town's meetings: passed meetings still missing attendance or minutes. */
export function RecordingCard({ townId }: { townId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [{ data }] = useQuery({ query: MeetingsToRecordQuery, variables: { townId }, requestPolicy: 'cache-and-network' });
  const meetings = data?.meetingsToRecord ?? [];
  if (!data?.town.viewerMay.editForum || meetings.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="to-record-title" data-to-record>
      <Stack gap="xs">
        <Title order={2} size="h3" id="to-record-title">
          {t('meetings.toRecord')}
        </Title>
        <Text size="sm">{t('meetings.toRecordIntro')}</Text>
        <List size="sm" spacing={4}>
          {meetings.map(({ meeting, gaps }) => (
            <List.Item key={meeting.id}>
              <Group gap={6} wrap="wrap">
                <Anchor component={Link} to={`/meetings/${meeting.id}`}>
                  {meeting.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {meeting.body.name} · {format.date(meeting.startsAt)}
                </Text>
                {gaps.map((gap) => (
                  <Badge key={gap} variant="default" size="sm">
                    {t(`meetings.gaps.${gap}`)}
                  </Badge>
                ))}
              </Group>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}
