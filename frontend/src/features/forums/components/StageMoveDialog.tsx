import { Alert, Checkbox, List, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';

import { FormError } from '@/components/FormError';
import { FormActions } from '@/components/FormActions';
import { useSaveFlow } from '@/hooks/useSaveFlow';
import type { ForumPageQuery, Stage } from '@/gql/graphql';
import { fieldMessage } from '@/lib/errors';

import { stageMoved } from '../api/changes';
import { MoveForumStageMutation } from '../api/queries';
import { milestoneTitle } from './milestoneTitle';

type Forum = NonNullable<ForumPageQuery['town']['forum']>;
const STAGES: Stage[] = ['KICK_OFF', 'MAPPING_AND_PLANNING', 'IMPLEMENTATION'];

/**
 * A deliberate step: the next stage, or an earlier one with a reason. Open milestones of the
 * current stage are listed and must be confirmed.
 */
export function StageMoveDialog({ forum, onClose }: { forum: Forum; onClose: (moved: boolean) => void }) {
  const { t } = useTranslation();
  const [, move] = useMutation(MoveForumStageMutation);
  const current = STAGES.indexOf(forum.stage);
  // The next stage first, then earlier ones from the nearest back.
  const targets = [...STAGES.slice(current + 1, current + 2), ...STAGES.slice(0, current).reverse()];
  const open = forum.milestones.filter((m) => m.stage === forum.stage && !m.doneOn);
  const form = useForm({
    mode: 'controlled',
    initialValues: { toStage: targets[0] ?? null, reason: '', confirm: false },
    validateInputOnChange: true,
    validate: {
      toStage: (value) => (value ? null : fieldMessage(t, 'required')),
      reason: (value, values) => (values.toStage && STAGES.indexOf(values.toStage) < current && !value.trim() ? fieldMessage(t, 'required') : null),
      confirm: (value, values) => (values.toStage && STAGES.indexOf(values.toStage) > current && open.length > 0 && !value ? fieldMessage(t, 'required') : null),
    },
  });
  const flow = useSaveFlow(form, forum.version, async () => null, () => []);
  const forward = form.values.toStage != null && STAGES.indexOf(form.values.toStage) > current;

  const submit = form.onSubmit(async (values) => {
    const result = await move(
      { forumId: forum.id, version: flow.version, toStage: values.toStage as Stage, reason: values.reason.trim() || null, confirm: values.confirm },
      stageMoved,
    );
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });

  return (
    <Modal opened onClose={() => onClose(false)} title={t('stageMove.title')} size="lg" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={flow.formError} />
          <Select label={t('stageMove.to')} required data={targets.map((s) => ({ value: s, label: t(`stages.${s}`) }))} {...form.getInputProps('toStage')} />
          {forward && open.length > 0 && (
            <Alert color="yellow" variant="light" title={t('stageMove.openMilestones')}>
              <List size="sm">
                {open.map((m) => (
                  <List.Item key={m.id}>{milestoneTitle(t, m)}</List.Item>
                ))}
              </List>
              <Checkbox mt="sm" label={t('stageMove.confirm')} {...form.getInputProps('confirm', { type: 'checkbox' })} />
            </Alert>
          )}
          {!forward && <Textarea label={t('stageMove.reason')} description={t('stageMove.reasonHint')} required autosize minRows={2} {...form.getInputProps('reason')} />}
          <FormActions onCancel={() => onClose(false)} submitting={form.submitting} submitLabel={t('stageMove.move')} />
        </Stack>
      </form>
    </Modal>
  );
}
