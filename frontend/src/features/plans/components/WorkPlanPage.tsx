import { Accordion, Alert, Anchor, Badge, Button, Group, List, Select, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { IconCircleCheck, IconDownload, IconPlus, IconPrinter, IconTarget } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';

import { ScrollTable } from '@/components/ScrollTable';
import { SortableTh, useSort } from '@/components/SortableTh';
import { FormError } from '@/components/FormError';
import { ErrorState, Loading } from '@/components/PageState';
import type { TaskState, WorkPlanPageQuery } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';
import { useProblem } from '@/hooks/useProblem';
import { downloadWithSession } from '@/lib/download';
import { localName } from '@/lib/names';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';

import { planApproved, workPlanLists } from '../api/changes';
import { ApproveWorkPlanMutation, WorkPlanPageQuery as Query } from '../api/queries';
import { addQuarters, parseQuarter, quarterOf, quarterText, STATE_COLOR } from './quarters';
import { TaskDialog } from './TaskDialog';

type Forum = NonNullable<WorkPlanPageQuery['town']['forum']>;
type Task = Forum['workPlan'][number];
const STATES: TaskState[] = ['PLANNED', 'IN_PROGRESS', 'LATE', 'DONE', 'DROPPED'];
const UNPLANNED = 'unplanned';

type TaskColumn = 'title' | 'team' | 'owner' | 'dueOn' | 'state';

function TaskTable({ tasks, canEdit, label, onEdit }: { tasks: Task[]; canEdit: boolean; label: string; onEdit: (task: Task) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  // Due date first, as the server lists a quarter's tasks; states in their order, not by name.
  const { sort, sorted, toggle } = useSort<TaskColumn, Task>(
    'dueOn',
    (task, column) => ({ title: task.title, team: task.team?.name, owner: task.owner?.fullName, dueOn: task.dueOn, state: STATES.indexOf(task.state) })[column],
    i18n.language,
  );
  const labels = { title: t('plan.export.task'), team: t('plan.team'), owner: t('plan.export.owner'), dueOn: t('plan.export.due'), state: t('plan.export.state') };
  if (tasks.length === 0) return <Text c="dimmed" size="sm">{t('plan.noTasksHere')}</Text>;
  return (
    <ScrollTable minWidth={760} label={label} stackOnPhone phoneSort={{ labels, sort, onSort: toggle }}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="title" label={labels.title} sort={sort} onSort={toggle} />
            <SortableTh column="team" label={labels.team} sort={sort} onSort={toggle} />
            <SortableTh column="owner" label={labels.owner} sort={sort} onSort={toggle} />
            <Table.Th scope="col">{t('plan.export.partners')}</Table.Th>
            <SortableTh column="dueOn" label={labels.dueOn} sort={sort} onSort={toggle} />
            <SortableTh column="state" label={labels.state} sort={sort} onSort={toggle} />
            <Table.Th scope="col">{t('plan.decisions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted(tasks).map((task) => (
            <Table.Tr key={task.id} data-task={task.id}>
              <Table.Td>
                {canEdit ? (
                  <UnstyledButton onClick={() => onEdit(task)} c="blue.8" td="underline" aria-label={t('plan.editTask', { title: task.title })}>
                    {task.title}
                  </UnstyledButton>
                ) : (
                  task.title
                )}
                {task.focus && (
                  <Text size="xs" c="dimmed">
                    <Anchor component={Link} to={`/focuses/${task.focus.id}`} size="xs">
                      {task.focus.title}
                    </Anchor>
                  </Text>
                )}
                {task.expectedProduct && <Text size="xs">{t('plan.product', { product: task.expectedProduct })}</Text>}
              </Table.Td>
              <Table.Td data-label={labels.team}>{task.team?.name ?? ''}</Table.Td>
              <Table.Td data-label={labels.owner}>{task.owner?.fullName ?? ''}</Table.Td>
              <Table.Td data-label={t('plan.export.partners')}>{format.list(task.partners.map((p) => p.name))}</Table.Td>
              <Table.Td data-label={labels.dueOn}>{format.date(task.dueOn)}</Table.Td>
              <Table.Td data-label={labels.state} style={{ whiteSpace: 'nowrap' }}>
                <Badge color={STATE_COLOR[task.state]} variant="light" data-state={task.state} style={{ overflow: 'visible' }}>
                  {t(`plan.state.${task.state}`)}
                </Badge>
                {task.doneOn && <Text size="xs">{format.date(task.doneOn)}</Text>}
                {task.droppedReason && <Text size="xs">{task.droppedReason}</Text>}
              </Table.Td>
              <Table.Td data-label={t('plan.decisions')}>
                {task.decisions.map((d) => (
                  <Anchor key={d.id} component={Link} to={`/meetings/${d.meeting.id}`} size="xs" display="block">
                    {d.text}
                  </Anchor>
                ))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/**
 * The year's work plan by quarter, the coming quarter opened: filters by team, owner, state and
 * quarter; the chair approves the plan and later changes show against the approved version.
 */
export default function WorkPlanPage() {
  const { townId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const today = new Date().toISOString().slice(0, 10);
  const current = quarterOf(today);
  const year = Number(params.get('year')) || Number(today.slice(0, 4));
  const filter = { team: params.get('team'), owner: params.get('owner'), state: params.get('state') as TaskState | null, quarter: params.get('quarter') };
  const [{ data, fetching, error }, refetch] = useQuery({ query: Query, variables: { townId, year }, context: workPlanLists });
  const [, approve] = useMutation(ApproveWorkPlanMutation);
  const { problem, report } = useProblem();
  const [editing, setEditing] = useState<Task | 'new' | null>(null);
  const [opened, setOpened] = useState<string[]>([current, addQuarters(current, 1)]);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const town = data?.town;
  const townName = localName(town, i18n.language);
  const title = t('plan.pageTitle', { town: townName, year });
  useDocumentTitle(townName && title);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!town?.forum) return fetching ? <Loading /> : null;
  const forum = town.forum;
  const canEdit = town.viewerMay.editForum;
  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  // The year's quarters, and the coming quarter when it falls in the next year (planned in
  // detail before the year turns).
  const next = addQuarters(current, 1);
  const quarters = [...[1, 2, 3, 4].map((q) => quarterText(year, q)), ...(year === Number(current.slice(0, 4)) && !next.startsWith(String(year)) ? [next] : [])];
  const inView = (task: Task) => (task.plannedQuarter ? quarters.includes(task.plannedQuarter) : (task.dueOn ?? '').startsWith(String(year)));
  const tasks = forum.workPlan.filter(
    (task) =>
      inView(task) &&
      (!filter.team || task.team?.id === filter.team) &&
      (!filter.owner || task.owner?.id === filter.owner) &&
      (!filter.state || task.state === filter.state) &&
      (!filter.quarter || task.plannedQuarter === filter.quarter),
  );
  const groups = [...quarters.map((q) => ({ key: q, tasks: tasks.filter((task) => task.plannedQuarter === q) })), { key: UNPLANNED, tasks: tasks.filter((task) => !task.plannedQuarter || !quarters.includes(task.plannedQuarter)) }].filter(
    (g) => g.key !== UNPLANNED || g.tasks.length > 0,
  );
  const owners = new Map(forum.workPlan.flatMap((task) => (task.owner ? [[task.owner.id, task.owner.fullName] as const] : [])));
  const teams = forum.bodies.filter((b) => forum.workPlan.some((task) => task.team?.id === b.id));
  const label = (key: string) => {
    const q = parseQuarter(key);
    return q ? format.quarter(q.year, q.quarter) : t('plan.unplanned');
  };
  const count = (state: TaskState) => forum.workPlan.filter((task) => inView(task) && task.state === state).length;
  const approval = forum.planApproval;

  async function approvePlan() {
    if (!window.confirm(t('plan.approveConfirm', { year }))) return;
    report(await approve({ forumId: forum.id, year }, planApproved));
  }
  function print() {
    setOpened(groups.map((g) => g.key));
    window.setTimeout(() => window.print(), 100);
  }

  return (
    <Stack gap="lg" className="print-page">
      <Anchor component={Link} to={`/towns/${townId}`} size="sm" className="no-print">
        {townName}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Title order={1}>{title}</Title>
        <Group className="no-print">
          <Select aria-label={t('plan.year')} w={110} allowDeselect={false} data={[-1, 0, 1].map((d) => String(Number(today.slice(0, 4)) + d))} value={String(year)} onChange={(v) => setFilter('year', v)} />
          <Button component={Link} to={`/towns/${townId}/focuses`} variant="light" leftSection={<IconTarget size={18} aria-hidden />}>
            {t('focuses.open')}
          </Button>
          <Button variant="light" leftSection={<IconDownload size={18} aria-hidden />} onClick={() => void downloadWithSession(`/export/work-plan/${forum.id}.xlsx?year=${year}&lang=${i18n.language}`, `work-plan-${year}.xlsx`)}>
            {t('plan.exportXlsx')}
          </Button>
          <Button variant="light" leftSection={<IconPrinter size={18} aria-hidden />} onClick={print}>
            {t('print.print')}
          </Button>
          {canEdit && (
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing('new')}>
              {t('plan.newTask')}
            </Button>
          )}
        </Group>
      </Group>
      <Text className="no-print">{t('plan.intro')}</Text>
      {approval ? (
        <Alert color="teal" icon={<IconCircleCheck aria-hidden />} title={t('plan.approvedOn', { date: format.date(approval.approvedAt), by: approval.approvedBy ?? '' })}>
          {approval.changes.length === 0 ? (
            <Text size="sm">{t('plan.noChangesSince')}</Text>
          ) : (
            <Stack gap={4}>
              <Text size="sm">{t('plan.changesSince', { count: approval.changes.length })}</Text>
              <List size="sm">
                {approval.changes.map((c) => (
                  <List.Item key={c.taskId}>
                    {t(`plan.change.${c.change}`)}: {c.title}
                  </List.Item>
                ))}
              </List>
            </Stack>
          )}
          {town.viewerMay.approvePlan && (
            <Button mt="xs" size="xs" variant="light" color="teal" className="no-print" onClick={approvePlan}>
              {t('plan.approveAgain')}
            </Button>
          )}
        </Alert>
      ) : (
        <Alert color="yellow" title={t('plan.notApproved', { year })}>
          <Text size="sm">{t('plan.approveHint')}</Text>
          {town.viewerMay.approvePlan && (
            <Button mt="xs" color="teal" className="no-print" leftSection={<IconCircleCheck size={18} aria-hidden />} onClick={approvePlan}>
              {t('plan.approve', { year })}
            </Button>
          )}
        </Alert>
      )}
      <FormError message={problem} />
      <Group gap="xs" aria-label={t('plan.summary')} role="group">
        {STATES.map((state) => (
          <Badge key={state} color={STATE_COLOR[state]} variant="light" size="lg">
            {t(`plan.state.${state}`)}: {count(state)}
          </Badge>
        ))}
      </Group>
      <Group className="no-print" align="flex-end" gap="sm" role="search" aria-label={t('plan.filters')}>
        <Select label={t('plan.team')} clearable w={220} data={teams.map((b) => ({ value: b.id, label: b.name }))} value={filter.team} onChange={(v) => setFilter('team', v)} />
        <Select label={t('plan.export.owner')} clearable searchable w={200} data={[...owners].map(([value, name]) => ({ value, label: name }))} value={filter.owner} onChange={(v) => setFilter('owner', v)} />
        <Select label={t('plan.export.state')} clearable w={160} data={STATES.map((s) => ({ value: s, label: t(`plan.state.${s}`) }))} value={filter.state} onChange={(v) => setFilter('state', v)} />
        <Select label={t('plan.export.quarter')} clearable w={170} data={quarters.map((q) => ({ value: q, label: label(q) }))} value={filter.quarter} onChange={(v) => setFilter('quarter', v)} />
      </Group>
      <Accordion multiple value={opened} onChange={setOpened} variant="separated">
        {groups.map((group) => (
          <Accordion.Item key={group.key} value={group.key}>
            <Accordion.Control>
              <Group gap="sm">
                <Text fw={600}>{label(group.key)}</Text>
                {group.key === current && <Badge variant="light">{t('plan.currentQuarter')}</Badge>}
                {group.key === addQuarters(current, 1) && <Badge variant="light" color="grape">{t('plan.nextQuarter')}</Badge>}
                <Text size="sm" c="dimmed">
                  {t('plan.taskCount', { count: group.tasks.length })}
                </Text>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <TaskTable tasks={group.tasks} canEdit={canEdit} label={label(group.key)} onEdit={setEditing} />
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      {editing && (
        <TaskDialog
          townId={townId}
          forum={forum}
          task={editing === 'new' ? undefined : editing}
          quarter={filter.quarter ?? (year === Number(today.slice(0, 4)) ? addQuarters(current, 1) : quarterText(year, 1))}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
