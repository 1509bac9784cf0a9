import { Modal, MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { DateField } from '@/components/DateField';
import { FormActions } from '@/components/FormActions';
import { FormError } from '@/components/FormError';
import type { TaskStatus, WorkPlanPageQuery } from '@/gql/graphql';
import { useSaveFlow } from '@/hooks/useSaveFlow';
import { fieldMessage } from '@/lib/errors';

import { taskChanged } from '../api/changes';
import { CreateTaskMutation, TownPeopleQuery, UpdateTaskMutation } from '../api/queries';
import { addQuarters, parseQuarter } from './quarters';

type Forum = NonNullable<WorkPlanPageQuery['town']['forum']>;
type Task = Forum['workPlan'][number];
const STATUSES: TaskStatus[] = ['PLANNED', 'IN_PROGRESS', 'DONE', 'DROPPED'];

/** Who does what by when: a task of the work plan, new or edited. */
export function TaskDialog({ townId, forum, task, quarter, onClose }: { townId: string; forum: Forum; task?: Task; quarter: string; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [{ data: directory }] = useQuery({ query: TownPeopleQuery, variables: { townId } });
  const [, create] = useMutation(CreateTaskMutation);
  const [, update] = useMutation(UpdateTaskMutation);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      title: task?.title ?? '',
      focusId: task?.focus?.id ?? (null as string | null),
      bodyId: task?.team?.id ?? (null as string | null),
      ownerPersonId: task?.owner?.id ?? (null as string | null),
      partnerIds: task?.partners.map((p) => p.id) ?? ([] as string[]),
      plannedQuarter: task?.plannedQuarter ?? quarter,
      dueOn: task?.dueOn ?? '',
      resources: task?.resources ?? '',
      expectedProduct: task?.expectedProduct ?? '',
      successMeasure: task?.successMeasure ?? '',
      metricId: task?.metric?.id ?? (null as string | null),
      status: (task?.status ?? 'PLANNED') as string,
      doneOn: task?.doneOn ?? '',
      droppedReason: task?.droppedReason ?? '',
    },
    validateInputOnChange: true,
    validate: {
      title: (v) => (v.trim() ? null : fieldMessage(t, 'required')),
      plannedQuarter: (v) => (v && !parseQuarter(v) ? fieldMessage(t, 'invalid_quarter') : null),
      dueOn: (v, values) => {
        const q = parseQuarter(values.plannedQuarter);
        const first = q ? `${q.year}-${String(q.quarter * 3 - 2).padStart(2, '0')}-01` : null;
        return v && first && v < first ? fieldMessage(t, 'due_before_quarter', { quarter: values.plannedQuarter }) : null;
      },
      droppedReason: (v, values) => (values.status === 'DROPPED' && !v.trim() ? fieldMessage(t, 'required') : null),
    },
  });
  const flow = useSaveFlow(form, task?.version ?? 0, async () => null, () => []);
  const submit = form.onSubmit(async (values) => {
    const input = {
      title: values.title,
      focusId: values.focusId,
      bodyId: values.bodyId,
      ownerPersonId: values.ownerPersonId,
      partnerIds: values.partnerIds,
      plannedQuarter: values.plannedQuarter || null,
      dueOn: values.dueOn || null,
      resources: values.resources || null,
      expectedProduct: values.expectedProduct || null,
      successMeasure: values.successMeasure || null,
      metricId: values.metricId,
      status: values.status as TaskStatus,
      doneOn: values.status === 'DONE' ? values.doneOn || null : null,
      droppedReason: values.status === 'DROPPED' ? values.droppedReason : null,
    };
    const result = task ? await update({ id: task.id, version: flow.version, input }, taskChanged) : await create({ forumId: forum.id, input }, taskChanged);
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });
  const teams = forum.bodies.filter((b) => b.kind === 'TASK_TEAM' || b.kind === 'AD_HOC_TEAM' || b.kind === 'STEERING_COMMITTEE').filter((b) => !b.closed || b.id === task?.team?.id);
  const quarters = Array.from({ length: 12 }, (_, i) => addQuarters(quarter, i - 4));
  const metrics = forum.focuses.filter((f) => !form.values.focusId || f.id === form.values.focusId).flatMap((f) => f.metrics);
  return (
    <Modal opened onClose={() => onClose(false)} title={task ? t('plan.editTask', { title: task.title }) : t('plan.newTask')} size="xl" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={flow.formError} />
          <TextInput label={t('plan.export.task')} required data-autofocus {...form.getInputProps('title')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('plan.export.focus')}
              clearable
              data={forum.focuses.map((f) => ({ value: f.id, label: f.title }))}
              {...form.getInputProps('focusId')}
              onChange={(value) => {
                form.setFieldValue('focusId', value);
                const team = forum.bodies.find((b) => b.focus?.id === value && b.kind === 'TASK_TEAM' && !b.closed);
                if (team && !form.values.bodyId) form.setFieldValue('bodyId', team.id);
              }}
            />
            <Select label={t('plan.team')} clearable data={teams.map((b) => ({ value: b.id, label: b.name }))} {...form.getInputProps('bodyId')} />
            <Select label={t('plan.export.owner')} searchable clearable data={(directory?.people.items ?? []).map((p) => ({ value: p.id, label: p.fullName }))} {...form.getInputProps('ownerPersonId')} />
            <MultiSelect label={t('plan.export.partners')} searchable clearable data={(directory?.organisations.items ?? []).map((o) => ({ value: o.id, label: o.name }))} {...form.getInputProps('partnerIds')} />
            <Select label={t('plan.export.quarter')} allowDeselect={false} data={quarters} {...form.getInputProps('plannedQuarter')} />
            <DateField label={t('plan.export.due')} {...form.getInputProps('dueOn')} />
            <Select label={t('plan.status')} allowDeselect={false} data={STATUSES.map((s) => ({ value: s, label: t(`plan.state.${s}`) }))} {...form.getInputProps('status')} />
            {form.values.status === 'DONE' && <DateField label={t('plan.export.doneOn')} description={t('plan.doneOnHint')} {...form.getInputProps('doneOn')} />}
          </SimpleGrid>
          {form.values.status === 'DROPPED' && <Textarea label={t('plan.droppedReason')} required autosize minRows={2} {...form.getInputProps('droppedReason')} />}
          <Textarea label={t('plan.resources')} autosize minRows={1} {...form.getInputProps('resources')} />
          <Textarea label={t('plan.export.expectedProduct')} autosize minRows={1} {...form.getInputProps('expectedProduct')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea label={t('plan.export.successMeasure')} autosize minRows={1} {...form.getInputProps('successMeasure')} />
            <Select label={t('plan.metric')} clearable data={metrics.map((m) => ({ value: m.id, label: m.name }))} {...form.getInputProps('metricId')} />
          </SimpleGrid>
          <FormActions onCancel={() => onClose(false)} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}
