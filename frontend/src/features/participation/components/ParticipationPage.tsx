import { ActionIcon, Alert, Anchor, Badge, Button, Card, Checkbox, Group, List, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';

import { DateField } from '@/components/DateField';
import { FormActions } from '@/components/FormActions';
import { FormError } from '@/components/FormError';
import { ErrorState, Loading } from '@/components/PageState';
import type { ParticipationPageQuery as Data } from '@/gql/graphql';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useFormat } from '@/hooks/useFormat';
import { useProblem } from '@/hooks/useProblem';
import { useSaveFlow } from '@/hooks/useSaveFlow';
import { localName } from '@/lib/names';

import { findingsFed, processChanged, stepChanged } from '../api/changes';
import { CreateParticipationMutation, FindingsToFocusMutation, ParticipationPageQuery, UpdateParticipationMutation, UpdateStepMutation } from '../api/queries';

type Process = Data['participationProcesses'][number];
type Step = Process['steps'][number];

function ProcessDialog({ townId, process, onClose }: { townId: string; process?: Process; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [, create] = useMutation(CreateParticipationMutation);
  const [, update] = useMutation(UpdateParticipationMutation);
  const form = useForm({ mode: 'controlled', initialValues: { title: process?.title ?? '', question: process?.question ?? '', targetPopulation: process?.targetPopulation ?? '', findings: process?.findings ?? '' } });
  const flow = useSaveFlow(form, process?.version ?? 0, async () => null, () => []);
  const submit = form.onSubmit(async (v) => {
    const input = { title: v.title, question: v.question || null, targetPopulation: v.targetPopulation || null, findings: v.findings || null };
    const result = process ? await update({ id: process.id, version: flow.version, input }, processChanged) : await create({ townId, input }, processChanged);
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });
  return (
    <Modal opened onClose={() => onClose(false)} title={process ? t('participation.editProcess') : t('participation.new')} size="lg" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('participation.title')} required {...form.getInputProps('title')} />
          <Textarea label={t('participation.question')} autosize {...form.getInputProps('question')} />
          <TextInput label={t('participation.targetPopulation')} {...form.getInputProps('targetPopulation')} />
          <Textarea label={t('participation.findings')} description={t('participation.findingsHint')} autosize minRows={3} {...form.getInputProps('findings')} />
          <FormError message={flow.formError} />
          <FormActions onCancel={() => onClose(false)} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}

function StepDialog({ step, index, people, onClose }: { step: Step; index: number; people: { id: string; fullName: string }[]; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [, update] = useMutation(UpdateStepMutation);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      ownerPersonId: step.owner?.id ?? (null as string | null),
      startsOn: step.startsOn ?? '',
      dueOn: step.dueOn ?? '',
      doneOn: step.doneOn ?? '',
      notes: step.notes ?? '',
      attachments: step.attachments.map((a) => ({ title: a.title, url: a.url })),
    },
  });
  const flow = useSaveFlow(form, step.version, async () => null, () => []);
  const today = new Date().toISOString().slice(0, 10);
  const submit = form.onSubmit(async (v) => {
    const input = { ownerPersonId: v.ownerPersonId, startsOn: v.startsOn || null, dueOn: v.dueOn || null, doneOn: v.doneOn || null, notes: v.notes || null, attachments: v.attachments };
    const result = await update({ id: step.id, version: flow.version, input }, stepChanged);
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });
  return (
    <Modal opened onClose={() => onClose(false)} title={t('participation.editStep', { n: index + 1, step: t(`participation.steps.${step.step}`) })} size="lg" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {step.warnsOfDigitalLiteracy && (
            <Alert color="yellow" role="note">
              {t('participation.literacyWarning')}
            </Alert>
          )}
          <Select label={t('participation.owner')} clearable searchable data={people.map((p) => ({ value: p.id, label: p.fullName }))} {...form.getInputProps('ownerPersonId')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <DateField label={t('participation.startsOn')} {...form.getInputProps('startsOn')} />
            <DateField label={t('participation.dueOn')} {...form.getInputProps('dueOn')} />
            <DateField label={t('participation.doneOn')} max={today} {...form.getInputProps('doneOn')} />
          </SimpleGrid>
          <Textarea label={t('participation.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
          <Text fw={500} size="sm">
            {t('participation.attachments')}
          </Text>
          {form.values.attachments.map((_, i) => (
            <Group key={i} align="flex-end" wrap="nowrap" gap="xs">
              <TextInput style={{ flex: 1 }} label={t('participation.attachmentTitle')} {...form.getInputProps(`attachments.${i}.title`)} />
              <TextInput style={{ flex: 2 }} label={t('participation.attachmentUrl')} dir="ltr" {...form.getInputProps(`attachments.${i}.url`)} />
              <ActionIcon variant="subtle" color="red.9" size="lg" aria-label={`${t('barriers.delete')} ${i + 1}`} onClick={() => form.removeListItem('attachments', i)}>
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => form.insertListItem('attachments', { title: '', url: 'https://' })}>
              {t('participation.addAttachment')}
            </Button>
          </Group>
          <FormError message={flow.formError} />
          <FormActions onCancel={() => onClose(false)} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}

function ProcessCard({ process, data, canEdit }: { process: Process; data: Data; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const [step, setStep] = useState<number | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [fed, setFed] = useState(false);
  const [, toFocus] = useMutation(FindingsToFocusMutation);
  const { problem, report } = useProblem();
  const done = process.steps.filter((s) => s.doneOn).length;
  const townId = data.town.id;
  return (
    <Card withBorder component="section" aria-labelledby={`process-${process.id}`} data-process={process.id}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h3" id={`process-${process.id}`}>
              <bdi>{process.title}</bdi>
            </Title>
            {process.question && <Text size="sm">{process.question}</Text>}
            {process.targetPopulation && (
              <Text size="sm" c="dimmed">
                {t('participation.targetPopulation')}: {process.targetPopulation}
              </Text>
            )}
          </Stack>
          <Group>
            <Badge variant="filled" color="blue.9">
              {t('participation.progress', { done })}
            </Badge>
            {canEdit && (
              <Button size="xs" variant="light" onClick={() => setEditing(true)}>
                {t('participation.editProcess')}
              </Button>
            )}
          </Group>
        </Group>
        <List spacing={6} listStyleType="none" pl={0}>
          {process.steps.map((s, i) => (
            <List.Item key={s.id}>
              <Group gap="xs" wrap="wrap">
                <Checkbox checked={!!s.doneOn} readOnly tabIndex={-1} aria-hidden />
                <Text fw={600} size="sm">
                  {i + 1}. {t(`participation.steps.${s.step}`)}
                </Text>
                {s.owner && <Text size="xs">{s.owner.fullName}</Text>}
                {s.dueOn && (
                  <Text size="xs" c="dimmed">
                    {t('participation.dueOn')} {format.date(s.dueOn)}
                  </Text>
                )}
                {s.doneOn && (
                  <Text size="xs" c="teal.9">
                    {t('participation.doneOn')} {format.date(s.doneOn)}
                  </Text>
                )}
                {s.attachments.map((a) => (
                  <Anchor key={a.url} href={a.url} target="_blank" rel="noreferrer" size="xs">
                    {a.title}
                  </Anchor>
                ))}
                {canEdit && (
                  <Button size="compact-xs" variant="subtle" onClick={() => setStep(i)} aria-label={`${t('directory.edit')} ${i + 1}. ${t(`participation.steps.${s.step}`)}`}>
                    {t('directory.edit')}
                  </Button>
                )}
              </Group>
              {s.warnsOfDigitalLiteracy && !s.doneOn && (
                <Text size="xs" c="orange.9" ms={32}>
                  {t('participation.literacyWarning')}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
        {process.findings && (
          <Stack gap={4}>
            <Text fw={600}>{t('participation.findings')}</Text>
            <List size="sm">
              {process.findings.split('\n').filter(Boolean).map((f) => (
                <List.Item key={f}>
                  <bdi>{f}</bdi>
                </List.Item>
              ))}
            </List>
            {canEdit && (
              <Group align="flex-end">
                <Select label={t('participation.toFocus')} data={(data.town.forum?.focuses ?? []).map((f) => ({ value: f.id, label: f.title }))} value={focusId} onChange={setFocusId} w={320} />
                <Button
                  disabled={!focusId}
                  onClick={async () => {
                    const ok = report(await toFocus({ id: process.id, focusId: focusId ?? '' }, findingsFed));
                    setFed(ok);
                  }}
                >
                  {t('forum.save')}
                </Button>
                <Button component={Link} variant="light" to={`/towns/${townId}/barriers?practices=${encodeURIComponent(process.findings)}`}>
                  {t('participation.toBarrier')}
                </Button>
              </Group>
            )}
            {fed && (
              <Text size="sm" c="teal.9" role="status">
                {t('participation.toFocusDone')}
              </Text>
            )}
            <FormError message={problem} />
          </Stack>
        )}
      </Stack>
      {editing && (
        <ProcessDialog
          townId={townId}
          process={process}
          onClose={() => setEditing(false)}
        />
      )}
      {step !== null && process.steps[step] && (
        <StepDialog
          step={process.steps[step]}
          index={step}
          people={data.people.items}
          onClose={() => setStep(null)}
        />
      )}
    </Card>
  );
}

/** A town's public participation processes, each as the annex's ten-step checklist. */
export default function ParticipationPage() {
  const { townId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: ParticipationPageQuery, variables: { townId }, context: processChanged });
  const [creating, setCreating] = useState(false);
  const town = data?.town;
  const townName = localName(town, i18n.language);
  const title = t('participation.pageTitle', { town: townName });
  useDocumentTitle(townName && title);
  if (error) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data || !town) return <Loading />;
  const canEdit = town.viewerMay.editForum;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/towns/${townId}`} size="sm">
        {townName}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{title}</Title>
          <Text c="dimmed">{t('participation.intro')}</Text>
        </Stack>
        {canEdit && (
          <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
            {t('participation.new')}
          </Button>
        )}
      </Group>
      {data.participationProcesses.length === 0 && <Text>{t('participation.none')}</Text>}
      {data.participationProcesses.map((p) => (
        <ProcessCard key={p.id} process={p} data={data} canEdit={canEdit} />
      ))}
      {creating && (
        <ProcessDialog
          townId={townId}
          onClose={() => setCreating(false)}
        />
      )}
    </Stack>
  );
}
