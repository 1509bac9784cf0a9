import { ActionIcon, Button, Checkbox, Fieldset, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';

import { FormActions } from '@/components/FormActions';
import { FormError } from '@/components/FormError';
import type { FocusKind, FocusStatus, GoalCriterion } from '@/gql/graphql';
import { useSaveFlow } from '@/hooks/useSaveFlow';
import { fieldMessage } from '@/lib/errors';

import { focusChanged } from '../api/changes';
import { CreateFocusMutation, UpdateFocusMutation } from '../api/queries';

export const FOCUS_KINDS: FocusKind[] = ['EMPLOYERS', 'POPULATION', 'SKILLS', 'GEOGRAPHIC', 'REGIONAL'];
const STATUSES: FocusStatus[] = ['PROPOSED', 'ACTIVE', 'CLOSED'];
export const CRITERIA: GoalCriterion[] = ['CLEAR_AND_AGREED', 'REALISTIC', 'RELEVANT', 'REACHABLE_TOGETHER', 'WITHIN_AUTHORITY', 'REVISITED'];
const THEORY = ['problem', 'activities', 'outputs', 'outcomes', 'impact'] as const;
type TheoryPart = (typeof THEORY)[number];

export type FocusValues = {
  id?: string;
  version?: number;
  kind: FocusKind;
  title: string;
  targetPopulation?: string | null;
  description?: string | null;
  status: FocusStatus;
  closedReason?: string | null;
  theory?: Record<TheoryPart, string[]> | null;
  goals?: { text: string; criteria: GoalCriterion[] }[];
};

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

/** Creates or edits a focus: its kind, population, status, theory of change and goals. */
export function FocusDialog({ forumId, focus, onClose }: { forumId: string; focus?: FocusValues; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [, create] = useMutation(CreateFocusMutation);
  const [, update] = useMutation(UpdateFocusMutation);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      kind: (focus?.kind ?? 'POPULATION') as string,
      title: focus?.title ?? '',
      targetPopulation: focus?.targetPopulation ?? '',
      description: focus?.description ?? '',
      status: (focus?.status ?? 'ACTIVE') as string,
      closedReason: focus?.closedReason ?? '',
      ...Object.fromEntries(THEORY.map((part) => [part, (focus?.theory?.[part] ?? []).join('\n')])),
      goals: focus?.goals?.map((g) => ({ text: g.text, criteria: g.criteria as string[] })) ?? [],
    } as Record<TheoryPart, string> & {
      kind: string;
      title: string;
      targetPopulation: string;
      description: string;
      status: string;
      closedReason: string;
      goals: { text: string; criteria: string[] }[];
    },
    validateInputOnChange: true,
    validate: {
      title: (v) => (v.trim() ? (v.length > 200 ? fieldMessage(t, 'too_long', { max: '200' }) : null) : fieldMessage(t, 'required')),
      closedReason: (v, values) => (values.status === 'CLOSED' && !v.trim() ? fieldMessage(t, 'required') : null),
    },
  });
  const flow = useSaveFlow(form, focus?.version ?? 0, async () => null, () => []);
  const submit = form.onSubmit(async (values) => {
    const input = {
      kind: values.kind as FocusKind,
      title: values.title,
      targetPopulation: values.targetPopulation || null,
      description: values.description || null,
      status: values.status as FocusStatus,
      closedReason: values.status === 'CLOSED' ? values.closedReason : null,
      theory: Object.fromEntries(THEORY.map((part) => [part, lines(values[part])])) as Record<TheoryPart, string[]>,
      goals: values.goals.filter((g) => g.text.trim()).map((g) => ({ text: g.text, criteria: g.criteria as GoalCriterion[] })),
    };
    const result = focus?.id
      ? await update({ id: focus.id, version: flow.version, input }, focusChanged)
      : await create({ forumId, input }, focusChanged);
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });
  return (
    <Modal opened onClose={() => onClose(false)} title={focus?.id ? t('focuses.edit', { title: focus.title }) : t('focuses.new')} size="xl" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={flow.formError} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('focuses.kind')} required allowDeselect={false} data={FOCUS_KINDS.map((k) => ({ value: k, label: t(`focuses.kinds.${k}`) }))} {...form.getInputProps('kind')} />
            <Select label={t('focuses.status')} required allowDeselect={false} data={STATUSES.map((s) => ({ value: s, label: t(`focuses.statuses.${s}`) }))} {...form.getInputProps('status')} />
          </SimpleGrid>
          <TextInput label={t('focuses.title')} required data-autofocus {...form.getInputProps('title')} />
          <TextInput label={t('focuses.targetPopulation')} description={t('focuses.targetPopulationHint')} {...form.getInputProps('targetPopulation')} />
          {form.values.status === 'CLOSED' && <Textarea label={t('focuses.closedReason')} required autosize minRows={2} {...form.getInputProps('closedReason')} />}
          <Fieldset legend={t('focuses.theory')}>
            <Text size="sm" c="dimmed" mb="xs">
              {t('focuses.theoryHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {THEORY.map((part) => (
                <Textarea key={part} label={t(`focuses.theoryParts.${part}`)} autosize minRows={3} {...form.getInputProps(part)} />
              ))}
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend={t('focuses.goals')}>
            <Stack>
              <Text size="sm" c="dimmed">
                {t('focuses.goalsHint')}
              </Text>
              {form.values.goals.map((goal, index) => (
                <Stack key={index} gap="xs">
                  <Group align="flex-end" wrap="nowrap">
                    <TextInput style={{ flex: 1 }} label={t('focuses.goal', { n: index + 1 })} {...form.getInputProps(`goals.${index}.text`)} />
                    <ActionIcon variant="subtle" color="red" aria-label={t('focuses.removeGoal', { n: index + 1 })} onClick={() => form.removeListItem('goals', index)}>
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                  <Checkbox.Group label={t('focuses.criteria')} value={goal.criteria} onChange={(value) => form.setFieldValue(`goals.${index}.criteria`, value)}>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
                      {CRITERIA.map((c) => (
                        <Checkbox key={c} value={c} label={t(`focuses.criterion.${c}`)} />
                      ))}
                    </SimpleGrid>
                  </Checkbox.Group>
                </Stack>
              ))}
              <Group>
                <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => form.insertListItem('goals', { text: '', criteria: [] })}>
                  {t('focuses.addGoal')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
          <FormActions onCancel={() => onClose(false)} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}
