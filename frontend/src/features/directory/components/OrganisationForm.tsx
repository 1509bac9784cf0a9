import { Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation } from 'urql';

import { FormError } from '@/components/FormError';
import { FormActions } from '@/components/FormActions';
import { diffFields } from '@/components/ConflictDialog';
import type { OrganisationsQuery as OrganisationsResult, Sector } from '@/gql/graphql';
import { SECTORS } from '@/lib/names';

import { organisationChanged } from '../api/changes';
import { CreateOrganisationMutation, OrganisationQuery, UpdateOrganisationMutation } from '../api/queries';
import { blankToNull, rules } from './rules';
import { useSaveFlow } from '@/hooks/useSaveFlow';

type Organisation = OrganisationsResult['organisations']['items'][number];
type Values = { name: string; sector: string | null; website: string; notes: string };

function valuesOf(o: Pick<Organisation, 'name' | 'sector' | 'website' | 'notes'> | null): Values {
  return { name: o?.name ?? '', sector: o?.sector ?? null, website: o?.website ?? '', notes: o?.notes ?? '' };
}

export function OrganisationForm({ townId, organisation, onClose }: { townId: string; organisation: Organisation | null; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const check = rules(t);
  const [, create] = useMutation(CreateOrganisationMutation);
  const [, update] = useMutation(UpdateOrganisationMutation);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(organisation),
    validateInputOnChange: true,
    validate: { name: check.required(200), sector: check.choice, website: check.url, notes: check.optional(4000) },
  });
  const labels = { name: t('directory.name'), sector: t('directory.sector'), website: t('directory.website'), notes: t('directory.notes') };
  const flow = useSaveFlow(
    form,
    organisation?.version ?? 0,
    async () => {
      if (!organisation) return null;
      const result = await client.query(OrganisationQuery, { id: organisation.id }, { requestPolicy: 'network-only' }).toPromise();
      return result.data ? { values: valuesOf(result.data.organisation), version: result.data.organisation.version } : null;
    },
    (theirs, yours) =>
      diffFields(labels, { ...theirs, sector: theirs.sector && t(`sectors.${theirs.sector}`) }, { ...yours, sector: yours.sector && t(`sectors.${yours.sector}`) }),
  );

  const submit = form.onSubmit(async (values) => {
    const input = { name: values.name.trim(), sector: values.sector as Sector, website: blankToNull(values.website), notes: blankToNull(values.notes) };
    const result = organisation
      ? await update({ id: organisation.id, version: flow.version, input }, organisationChanged)
      : await create({ townId, input }, organisationChanged);
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });

  return (
    <>
      <Modal opened onClose={() => onClose(false)} title={organisation ? t('directory.editOrganisation') : t('directory.newOrganisation')} size="lg" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <FormError message={flow.formError} />
            <TextInput label={t('directory.name')} required data-autofocus {...form.getInputProps('name')} />
            <Select
              label={t('directory.sector')}
              required
              data={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))}
              {...form.getInputProps('sector')}
            />
            <TextInput label={t('directory.website')} type="url" dir="ltr" placeholder="https://" {...form.getInputProps('website')} />
            <Textarea label={t('directory.notes')} autosize minRows={2} maxRows={8} {...form.getInputProps('notes')} />
            <FormActions onCancel={() => onClose(false)} submitting={form.submitting} />
          </Stack>
        </form>
      </Modal>
      {flow.conflictDialog}
    </>
  );
}
