import { Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';

import { useFormat } from '@/hooks/useFormat';

import { MyAgendaQuery } from '../api/queries';

/** The signed-in person's next meetings and open action items; overdue ones stand out. */
export function MyAgendaCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const [{ data }] = useQuery({ query: MyAgendaQuery, requestPolicy: 'cache-and-network' });
  if (!data) return null;
  const { nextMeetings, openActionItems, dueMetrics, stakeholderSteps } = data.myAgenda;
  const dateTime = (iso: string) => new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <Card withBorder component="section" aria-labelledby="my-agenda-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="my-agenda-title">
          {t('myAgenda.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Stack gap={4}>
            <Text fw={600}>{t('myAgenda.nextMeetings')}</Text>
            {nextMeetings.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('myAgenda.noMeetings')}
              </Text>
            ) : (
              <List size="sm" spacing={4}>
                {nextMeetings.slice(0, 5).map((m) => (
                  <List.Item key={m.id}>
                    <Anchor component={Link} to={`/meetings/${m.id}`}>
                      {m.title}
                    </Anchor>{' '}
                    · {m.body.name} · {dateTime(m.startsAt)}
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
          <Stack gap={4}>
            <Text fw={600}>{t('myAgenda.openItems')}</Text>
            {openActionItems.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('myAgenda.noItems')}
              </Text>
            ) : (
              <List size="sm" spacing={4}>
                {openActionItems.slice(0, 8).map((d) => (
                  <List.Item key={d.id}>
                    <Group gap={6} wrap="wrap">
                      <Anchor component={Link} to={`/meetings/${d.meeting.id}`}>
                        {d.text}
                      </Anchor>
                      {d.dueOn && <Text size="xs" c="dimmed">{format.date(d.dueOn)}</Text>}
                      {d.overdue && <Badge color="red">{t('decisions.overdue')}</Badge>}
                    </Group>
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
        </SimpleGrid>
        {stakeholderSteps.length > 0 && (
          <Stack gap={4}>
            <Text fw={600}>{t('stakeholders.myWeekSteps')}</Text>
            <List size="sm" spacing={4}>
              {stakeholderSteps.map((s) => (
                <List.Item key={s.id}>
                  <Group gap={6} wrap="wrap">
                    <Anchor component={Link} to={`/towns/${s.forum.town.id}/stakeholders`}>
                      <bdi>{s.name}</bdi>
                    </Anchor>
                    <Text size="sm">
                      <bdi>{s.nextStep}</bdi>
                    </Text>
                    {s.nextStepDueOn && <Text size="xs" c="dimmed">{format.date(s.nextStepDueOn)}</Text>}
                    {s.nextStepOverdue && <Badge color="red">{t('stakeholders.overdue')}</Badge>}
                  </Group>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        {dueMetrics.length > 0 && (
          <Stack gap={4}>
            <Text fw={600}>{t('myAgenda.dueMetrics')}</Text>
            <List size="sm" spacing={4}>
              {dueMetrics.map((m) => (
                <List.Item key={m.id}>
                  <Anchor component={Link} to={`/focuses/${m.focus.id}`}>
                    {m.name}
                  </Anchor>{' '}
                  · {m.focus.title} <Badge color="red.9">{t('metrics.due')}</Badge>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
