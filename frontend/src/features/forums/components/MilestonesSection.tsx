import { Accordion, Badge, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { DateField } from '@/components/DateField';
import { FormError } from '@/components/FormError';
import { FormActions } from '@/components/FormActions';
import { useSaveFlow } from '@/hooks/useSaveFlow';
import type { ForumPageQuery, Stage } from '@/gql/graphql';
import { fieldMessage } from '@/lib/errors';
import { useFormat } from '@/hooks/useFormat';

import { milestoneChanged } from '../api/changes';
import { CreateMilestoneMutation, TownPeopleQuery, UpdateMilestoneMutation } from '../api/queries';
import { milestoneTitle } from './milestoneTitle';

type Forum = NonNullable<ForumPageQuery['town']['forum']>;
type Milestone = Forum['milestones'][number];
const STAGES: Stage[] = ['KICK_OFF', 'MAPPING_AND_PLANNING', 'IMPLEMENTATION'];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function MilestoneDialog({ townId, forumId, stage, milestone, onClose }: { townId: string; forumId: string; stage: Stage; milestone: Milestone | null; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [{ data: people }] = useQuery({ query: TownPeopleQuery, variables: { townId } });
  const [, create] = useMutation(CreateMilestoneMutation);
  const [, update] = useMutation(UpdateMilestoneMutation);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      title: milestone ? milestoneTitle(t, milestone) : '',
      ownerPersonId: milestone?.owner?.id ?? null,
      dueOn: milestone?.dueOn ?? '',
      doneOn: milestone?.doneOn ?? '',
      evidence: milestone?.evidence ?? '',
    },
    validateInputOnChange: true,
    validate: {
      title: (value) => (value.trim() ? (value.length > 300 ? fieldMessage(t, 'too_long', { max: '300' }) : null) : fieldMessage(t, 'required')),
      evidence: (value) => (value.length > 2000 ? fieldMessage(t, 'too_long', { max: '2000' }) : null),
    },
  });
  const flow = useSaveFlow(form, milestone?.version ?? 0, async () => null, () => []);
  const submit = form.onSubmit(async (values) => {
    const input = {
      title: values.title.trim(),
      ownerPersonId: values.ownerPersonId,
      dueOn: values.dueOn || null,
      doneOn: values.doneOn || null,
      evidence: values.evidence.trim() || null,
    };
    const result = milestone
      ? await update({ id: milestone.id, version: flow.version, input }, milestoneChanged)
      : await create({ forumId, stage, input }, milestoneChanged);
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });
  return (
    <Modal opened onClose={() => onClose(false)} title={milestone ? t('milestones.edit', { title: milestoneTitle(t, milestone) }) : t('milestones.add')} size="lg" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={flow.formError} />
          <TextInput label={t('milestones.titleField')} required disabled={!!milestone?.templateKey} data-autofocus {...form.getInputProps('title')} />
          <Select label={t('milestones.owner')} clearable searchable data={(people?.people.items ?? []).map((p) => ({ value: p.id, label: p.fullName }))} {...form.getInputProps('ownerPersonId')} />
          <Group grow>
            <DateField label={t('milestones.dueOn')} {...form.getInputProps('dueOn')} />
            <DateField label={t('milestones.doneOn')} {...form.getInputProps('doneOn')} />
          </Group>
          <Textarea label={t('milestones.evidence')} autosize minRows={2} {...form.getInputProps('evidence')} />
          <FormActions onCancel={() => onClose(false)} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}

/** The checklist of each stage; the current stage is open. Ticking sets today's date. */
export function MilestonesSection({ townId, forum, canEdit }: { townId: string; forum: Forum; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [, update] = useMutation(UpdateMilestoneMutation);
  const [editing, setEditing] = useState<{ stage: Stage; milestone: Milestone | null } | null>(null);

  const tick = async (m: Milestone, done: boolean) => {
    await update(
      { id: m.id, version: m.version, input: { title: m.title, ownerPersonId: m.owner?.id ?? null, dueOn: m.dueOn, doneOn: done ? today() : null, evidence: m.evidence } },
      milestoneChanged,
    );
  };

  return (
    <>
      <Accordion multiple defaultValue={[forum.stage]} mt="md" variant="separated">
        {STAGES.map((stage) => {
          const items = forum.milestones.filter((m) => m.stage === stage);
          const done = items.filter((m) => m.doneOn).length;
          return (
            <Accordion.Item key={stage} value={stage}>
              <Accordion.Control>
                <Group gap="sm">
                  <Text fw={600}>{t(`stages.${stage}`)}</Text>
                  {stage === forum.stage && <Badge variant="light">{t('milestones.current')}</Badge>}
                  <Text size="sm" c="dimmed">
                    {t('milestones.progress', { done, total: items.length })}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="xs">
                  {items.map((m) => (
                    <Group key={m.id} justify="space-between" wrap="nowrap" align="flex-start" data-milestone={m.templateKey ?? m.id}>
                      <Checkbox
                        checked={!!m.doneOn}
                        disabled={!canEdit}
                        onChange={(e) => void tick(m, e.currentTarget.checked)}
                        aria-label={t('milestones.tick', { title: milestoneTitle(t, m) })}
                        label={
                          <Stack gap={0}>
                            <Text size="sm">{milestoneTitle(t, m)}</Text>
                            <Text size="xs" c="dimmed">
                              {[m.owner && `${t('milestones.owner')}: ${m.owner.fullName}`, m.dueOn && `${t('milestones.dueOn')}: ${format.date(m.dueOn)}`, m.doneOn && `${t('milestones.doneOn')}: ${format.date(m.doneOn)}`]
                                .filter(Boolean)
                                .join(' · ')}
                            </Text>
                            {m.evidence && (
                              <Text size="xs" dir="auto">
                                {m.evidence}
                              </Text>
                            )}
                          </Stack>
                        }
                      />
                      <Group gap={4} wrap="nowrap">
                        {m.overdue && <Badge color="red">{t('milestones.overdue')}</Badge>}
                        {canEdit && (
                          <Button variant="subtle" size="compact-sm" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => setEditing({ stage, milestone: m })} aria-label={`${t('directory.edit')}: ${milestoneTitle(t, m)}`}>
                            {t('directory.edit')}
                          </Button>
                        )}
                      </Group>
                    </Group>
                  ))}
                  {canEdit && (
                    <Group>
                      <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditing({ stage, milestone: null })}>
                        {t('milestones.add')}
                      </Button>
                    </Group>
                  )}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
      {editing && (
        <MilestoneDialog
          townId={townId}
          forumId={forum.id}
          stage={editing.stage}
          milestone={editing.milestone}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
