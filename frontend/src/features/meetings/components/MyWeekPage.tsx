import { Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';

import { Loading } from '@/components/PageState';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useFormat } from '@/hooks/useFormat';
import { useMe } from '@/lib/session-context';

import { MyAgendaQuery } from '../api/queries';
import { RecordingCard } from './RecordingCard';
import { WaitingForMeCard } from './WaitingForMeCard';

const TWO_WEEKS_MS = 14 * 86_400_000;

/** One part of the week: a titled card listing its items, or saying there are none. */
function WeekSection<T>({ id, title, empty, items, children }: { id: string; title: string; empty?: string; items: readonly T[]; children: (item: T) => ReactNode }) {
  if (items.length === 0 && !empty) return null;
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm">{empty}</Text>
      ) : (
        <List size="sm" spacing={6} data-testid={id}>
          {items.map(children)}
        </List>
      )}
    </Card>
  );
}

/**
 * A referent's first page (`/my-week`): this week's and next week's meetings, what is overdue
 * (action items, tasks, stakeholder steps), minutes to write and minutes to comment on.
 */
export default function MyWeekPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { me } = useMe();
  const [{ data }] = useQuery({ query: MyAgendaQuery, requestPolicy: 'cache-and-network' });
  // The window is fixed when the page opens, like the server's "now".
  const [horizon] = useState(() => Date.now() + TWO_WEEKS_MS);
  useDocumentTitle(t('myAgenda.pageTitle'));
  if (!data) return <Loading />;
  const a = data.myAgenda;
  const soon = a.nextMeetings.filter((m) => new Date(m.startsAt).getTime() <= horizon);
  const dateTime = (iso: string) => new Intl.DateTimeFormat(format.locale, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  const editingTowns = me.towns.filter((g) => g.roles.some((r) => r === 'CHAIR' || r === 'REFERENT' || r === 'EMPLOYMENT_LEAD'));
  return (
    <Stack gap="lg">
      <Title order={1}>{t('myAgenda.pageTitle')}</Title>
      <WaitingForMeCard />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <WeekSection id="week-meetings" title={t('myAgenda.thisWeek')} empty={t('myAgenda.noMeetingsSoon')} items={soon}>
          {(m) => (
            <List.Item key={m.id}>
              <Anchor component={Link} to={`/meetings/${m.id}`}>
                <bdi>{m.title}</bdi>
              </Anchor>{' '}
              · <bdi>{m.body.name}</bdi> · {dateTime(m.startsAt)}
            </List.Item>
          )}
        </WeekSection>
        <WeekSection id="week-overdue" title={t('myAgenda.openItems')} empty={t('myAgenda.noItems')} items={[...a.openActionItems].sort((x, y) => Number(y.overdue) - Number(x.overdue))}>
          {(d) => (
            <List.Item key={d.id}>
              <Group gap={6} wrap="wrap">
                <Anchor component={Link} to={`/meetings/${d.meeting.id}`}>
                  <bdi>{d.text}</bdi>
                </Anchor>
                {d.dueOn && <Text size="xs">{format.date(d.dueOn)}</Text>}
                {d.overdue && <Badge color="red.9">{t('decisions.overdue')}</Badge>}
              </Group>
            </List.Item>
          )}
        </WeekSection>
        <WeekSection id="week-tasks" title={t('myAgenda.tasks')} empty={t('myAgenda.noTasks')} items={a.openTasks}>
          {(task) => (
            <List.Item key={task.id}>
              <Group gap={6} wrap="wrap">
                <bdi>{task.title}</bdi>
                {task.dueOn && <Text size="xs">{format.date(task.dueOn)}</Text>}
                {task.state === 'LATE' && <Badge color="red.9">{t('decisions.overdue')}</Badge>}
              </Group>
            </List.Item>
          )}
        </WeekSection>
        <WeekSection id="week-comment" title={t('myAgenda.toComment')} empty={t('myAgenda.noItems')} items={a.minutesToComment}>
          {(m) => (
            <List.Item key={m.id}>
              <Anchor component={Link} to={`/meetings/${m.id}`}>
                <bdi>{m.title}</bdi>
              </Anchor>{' '}
              · <bdi>{m.body.name}</bdi> · {t('myAgenda.comment')}
            </List.Item>
          )}
        </WeekSection>
      </SimpleGrid>
      <WeekSection id="week-steps" title={t('stakeholders.myWeekSteps')} items={a.stakeholderSteps}>
        {(s) => (
          <List.Item key={s.id}>
            <Group gap={6} wrap="wrap">
              <Anchor component={Link} to={`/towns/${s.forum.town.id}/stakeholders`}>
                <bdi>{s.name}</bdi>
              </Anchor>
              <bdi>{s.nextStep}</bdi>
              {s.nextStepDueOn && <Text size="xs">{format.date(s.nextStepDueOn)}</Text>}
              {s.nextStepOverdue && <Badge color="red.9">{t('stakeholders.overdue')}</Badge>}
            </Group>
          </List.Item>
        )}
      </WeekSection>
      <WeekSection id="week-metrics" title={t('myAgenda.dueMetrics')} items={a.dueMetrics}>
        {(m) => (
          <List.Item key={m.id}>
            <Anchor component={Link} to={`/focuses/${m.focus.id}`}>
              <bdi>{m.name}</bdi>
            </Anchor>{' '}
            · <bdi>{m.focus.title}</bdi>
          </List.Item>
        )}
      </WeekSection>
      {editingTowns.map((g) => (
        <RecordingCard key={g.town.id} townId={g.town.id} />
      ))}
    </Stack>
  );
}
