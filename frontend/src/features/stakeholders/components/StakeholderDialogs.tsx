import { Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { FormActions } from '@/components/FormActions';
import { FormError } from '@/components/FormError';
import { useSaveFlow } from '@/hooks/useSaveFlow';

import { stakeholderPlaced } from '../api/changes';
import { PlaceStakeholderMutation, UnplacedQuery } from '../api/queries';
import { QUADRANT_ACTION, quadrantOf, type Scale } from './quadrants';

/** Places an organisation of the town (or a person) on the map at a first position. */
export function PlaceDialog({ townId, forumId, scale, organisationId, onClose }: { townId: string; forumId: string; scale: Scale; organisationId?: string; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: UnplacedQuery, variables: { forumId, townId } });
  const [, place] = useMutation(PlaceStakeholderMutation);
  const form = useForm({
    mode: 'controlled',
    initialValues: { kind: 'organisation', organisationId: organisationId ?? (null as string | null), personId: null as string | null, influence: scale.highFrom as number | string, interest: scale.highFrom as number | string, note: '' },
  });
  const flow = useSaveFlow(form, 0, async () => null, () => []);
  const submit = form.onSubmit(async (values) => {
    const input = {
      organisationId: values.kind === 'organisation' ? values.organisationId : null,
      personId: values.kind === 'person' ? values.personId : null,
      influence: Number(values.influence),
      interest: Number(values.interest),
      note: values.note || null,
    };
    const result = await place({ forumId, input }, stakeholderPlaced);
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });
  const position = { influence: Number(form.values.influence) || scale.min, interest: Number(form.values.interest) || scale.min };
  const quadrant = quadrantOf(position, scale);
  return (
    <Modal opened onClose={() => onClose(false)} title={t('stakeholders.placeTitle')} size="lg" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <SegmentedControl
            aria-label={t('stakeholders.whoKind')}
            data={[
              { value: 'organisation', label: t('stakeholders.placeOrganisation') },
              { value: 'person', label: t('stakeholders.placePerson') },
            ]}
            {...form.getInputProps('kind')}
          />
          {form.values.kind === 'organisation' ? (
            <Select
              label={t('stakeholders.placeOrganisation')}
              searchable
              required
              data={(data?.unplacedOrganisations ?? []).map((o) => ({ value: o.id, label: o.name }))}
              {...form.getInputProps('organisationId')}
            />
          ) : (
            <Select label={t('stakeholders.placePerson')} searchable required data={(data?.people.items ?? []).map((p) => ({ value: p.id, label: p.fullName }))} {...form.getInputProps('personId')} />
          )}
          <SimpleGrid cols={2}>
            <NumberInput label={t('stakeholders.influence')} description={t('stakeholders.scaleHint')} min={scale.min} max={scale.max} step={0.1} decimalScale={1} {...form.getInputProps('influence')} />
            <NumberInput label={t('stakeholders.interest')} description={t('stakeholders.scaleHint')} min={scale.min} max={scale.max} step={0.1} decimalScale={1} {...form.getInputProps('interest')} />
          </SimpleGrid>
          <Text size="sm" aria-live="polite">
            <b>{t(`stakeholders.quadrants.${quadrant}.name`)}</b>: {t(`stakeholders.actions.${QUADRANT_ACTION[quadrant]}`)}
          </Text>
          <Textarea label={t('stakeholders.note')} autosize minRows={2} {...form.getInputProps('note')} />
          <FormError message={flow.formError} />
          <FormActions onCancel={() => onClose(false)} submitting={form.submitting} submitLabel={t('stakeholders.placeThis')} />
        </Stack>
      </form>
    </Modal>
  );
}
