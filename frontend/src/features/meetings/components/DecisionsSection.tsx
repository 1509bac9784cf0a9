import { Badge, Button, Group, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { ScrollTable } from '@/components/ScrollTable';
import { DateField } from '@/components/DateField';
import { FormError } from '@/components/FormError';
import type { DecisionFieldsFragment, DecisionStatus } from '@/gql/graphql';
import { useProblem } from '@/hooks/useProblem';
import { failureMessage, fieldMessage, toFailure } from '@/lib/errors';
import { useFormat } from '@/hooks/useFormat';

import { decisionChanged, decisionTaskChanged } from '../api/changes';
import { CreateDecisionMutation, TownPeopleForMeetingsQuery, UpdateDecisionMutation, WorkPlanTasksQuery } from '../api/queries';

const STATUSES: DecisionStatus[] = ['OPEN', 'DONE', 'CANCELLED'];

/** A decision as an update input, with one thing changed (its status or its task). */
function decisionInput(decision: DecisionFieldsFragment, change: { status?: DecisionStatus; workPlanTaskId?: string | null }) {
  return {
    text: decision.text,
    ownerPersonId: decision.owner?.id ?? null,
    dueOn: decision.dueOn,
    status: change.status ?? decision.status,
    workPlanTaskId: change.workPlanTaskId === undefined ? decision.workPlanTaskId : change.workPlanTaskId,
  };
}

/** A decision's status, changeable in place by those who may edit. */
export function DecisionStatusControl({ decision, canEdit }: { decision: DecisionFieldsFragment; canEdit: boolean }) {
  const { t } = useTranslation();
  const [, update] = useMutation(UpdateDecisionMutation);
  const { problem, report } = useProblem();
  if (!canEdit) {
    return (
      <Group gap={4}>
        <Text size="sm">{t(`decisions.values.${decision.status}`)}</Text>
        {decision.overdue && <Badge color="red">{t('decisions.overdue')}</Badge>}
      </Group>
    );
  }
  return (
    // Wraps, so the overdue badge goes under the status where the cell is narrow (a phone's card).
    <Group gap={4}>
      <Select
        size="xs"
        aria-label={t('decisions.setStatus', { text: decision.text })}
        allowDeselect={false}
        value={decision.status}
        data={STATUSES.map((s) => ({ value: s, label: t(`decisions.values.${s}`) }))}
        onChange={async (value) => {
          if (!value) return;
          const input = decisionInput(decision, { status: value as DecisionStatus });
          report(await update({ id: decision.id, version: decision.version, input }, decisionChanged));
        }}
        error={problem}
        w={150}
      />
      {decision.overdue && <Badge color="red">{t('decisions.overdue')}</Badge>}
    </Group>
  );
}

type TaskOption = { value: string; label: string };

/** Links a decision to a task of the work plan (or unlinks it); read-only for those who only read. */
export function DecisionTaskControl({ decision, tasks, canEdit }: { decision: DecisionFieldsFragment; tasks: TaskOption[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const [, update] = useMutation(UpdateDecisionMutation);
  const { problem, report } = useProblem();
  const linked = tasks.find((task) => task.value === decision.workPlanTaskId);
  if (!canEdit) return <Text size="sm">{linked?.label ?? ''}</Text>;
  return (
    <Select
      size="xs"
      aria-label={t('decisions.linkTask', { text: decision.text })}
      placeholder={t('decisions.noTask')}
      clearable
      searchable
      value={decision.workPlanTaskId ?? null}
      data={tasks}
      onChange={async (value) => {
        const input = decisionInput(decision, { workPlanTaskId: value });
        report(await update({ id: decision.id, version: decision.version, input }, decisionTaskChanged));
      }}
      error={problem}
      w={220}
    />
  );
}

/** Decisions of a meeting: each with an owner and a due date becomes a tracked action item. */
export function DecisionsSection({ meetingId, townId, decisions, open, canEdit }: { meetingId: string; townId: string; decisions: DecisionFieldsFragment[]; open: boolean; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [, create] = useMutation(CreateDecisionMutation);
  const [error, setError] = useState<string | null>(null);
  const adding = canEdit && open;
  const [{ data: people }] = useQuery({ query: TownPeopleForMeetingsQuery, variables: { townId }, pause: !adding });
  const [{ data: plan }] = useQuery({ query: WorkPlanTasksQuery, variables: { townId } });
  const tasks: TaskOption[] = (plan?.town.forum?.workPlan ?? []).map((task) => ({ value: task.id, label: task.plannedQuarter ? `${task.title} (${task.plannedQuarter})` : task.title }));
  const form = useForm({
    mode: 'controlled',
    initialValues: { text: '', ownerPersonId: null as string | null, dueOn: '', workPlanTaskId: null as string | null },
    validate: { text: (v) => (v.trim() ? (v.length > 2000 ? fieldMessage(t, 'too_long', { max: '2000' }) : null) : fieldMessage(t, 'required')) },
  });
  const submit = form.onSubmit(async (values) => {
    const result = await create({ meetingId, input: { text: values.text.trim(), ownerPersonId: values.ownerPersonId, dueOn: values.dueOn || null, workPlanTaskId: values.workPlanTaskId } }, decisionChanged);
    const failure = toFailure(result.error);
    if (failure) {
      form.setErrors(Object.fromEntries(Object.entries(failure.fields).map(([f, e]) => [f, fieldMessage(t, e.code, e.params)])));
      setError(failureMessage(t, failure));
      return;
    }
    setError(null);
    form.reset();
  });

  return (
    <Stack gap="xs" component="section" aria-labelledby="decisions-title">
      <Title order={2} size="h3" id="decisions-title">
        {t('decisions.title')}
      </Title>
      {decisions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('decisions.none')}
        </Text>
      ) : (
        <ScrollTable minWidth={560} label={t('decisions.title')} stackOnPhone>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('decisions.text')}</Table.Th>
                <Table.Th scope="col">{t('decisions.owner')}</Table.Th>
                <Table.Th scope="col">{t('decisions.dueOn')}</Table.Th>
                <Table.Th scope="col">{t('decisions.status')}</Table.Th>
                <Table.Th scope="col">{t('decisions.task')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {decisions.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td fw={500}>{d.text}</Table.Td>
                  <Table.Td data-label={t('decisions.owner')}>{d.owner?.fullName}</Table.Td>
                  <Table.Td data-label={t('decisions.dueOn')}>{format.date(d.dueOn)}</Table.Td>
                  <Table.Td data-label={t('decisions.status')}>
                    <DecisionStatusControl decision={d} canEdit={canEdit} />
                  </Table.Td>
                  <Table.Td data-label={t('decisions.task')}>
                    <DecisionTaskControl decision={d} tasks={tasks} canEdit={canEdit} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {adding && (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            <FormError message={error} />
            <Textarea label={t('decisions.text')} required autosize minRows={2} {...form.getInputProps('text')} />
            <Group align="flex-end" grow>
              <Select label={t('decisions.owner')} searchable clearable data={(people?.people.items ?? []).map((p) => ({ value: p.id, label: p.fullName }))} {...form.getInputProps('ownerPersonId')} />
              <DateField label={t('decisions.dueOn')} {...form.getInputProps('dueOn')} />
              <Select label={t('decisions.task')} searchable clearable data={tasks} {...form.getInputProps('workPlanTaskId')} />
            </Group>
            <Group justify="flex-end">
              <Button type="submit" loading={form.submitting}>
                {t('decisions.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
