import { Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';

import { FormError } from '@/components/FormError';
import { FormActions } from '@/components/FormActions';
import { diffFields } from '@/components/ConflictDialog';
import type { PeopleQuery as PeopleResult, Seniority } from '@/gql/graphql';
import { SENIORITIES } from '@/lib/names';

import { personChanged } from '../api/changes';
import { CreatePersonMutation, OrganisationsQuery, PersonQuery, UpdatePersonMutation } from '../api/queries';
import { blankToNull, rules } from './rules';
import { useSaveFlow } from '@/hooks/useSaveFlow';

type Person = PeopleResult['people']['items'][number];
type Values = { fullName: string; organisationId: string | null; jobTitle: string; seniority: string | null; email: string; phone: string };

function valuesOf(p: Omit<Person, 'id' | 'version' | 'archived' | 'contactsVisible'> | null): Values {
  return {
    fullName: p?.fullName ?? '',
    organisationId: p?.organisation?.id ?? null,
    jobTitle: p?.jobTitle ?? '',
    seniority: p?.seniority ?? null,
    email: p?.email ?? '',
    phone: p?.phone ?? '',
  };
}

export function PersonForm({ townId, person, onClose }: { townId: string; person: Person | null; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const check = rules(t);
  const [, create] = useMutation(CreatePersonMutation);
  const [, update] = useMutation(UpdatePersonMutation);
  const [{ data: organisations }] = useQuery({ query: OrganisationsQuery, variables: { townId, includeArchived: false, limit: 200 } });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(person),
    validateInputOnChange: true,
    validate: { fullName: check.required(200), jobTitle: check.optional(200), email: check.email, phone: check.phone },
  });
  const organisationOptions = (organisations?.organisations.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  const organisationName = (id: string | null) => organisationOptions.find((o) => o.value === id)?.label ?? '';
  const labels = {
    fullName: t('directory.fullName'),
    organisationId: t('directory.organisation'),
    jobTitle: t('directory.jobTitle'),
    seniority: t('directory.seniority'),
    email: t('directory.email'),
    phone: t('directory.phone'),
  };
  const readable = (v: Values) => ({ ...v, organisationId: organisationName(v.organisationId), seniority: v.seniority && t(`seniority.${v.seniority}`) });
  const flow = useSaveFlow(
    form,
    person?.version ?? 0,
    async () => {
      if (!person) return null;
      const result = await client.query(PersonQuery, { id: person.id }, { requestPolicy: 'network-only' }).toPromise();
      return result.data ? { values: valuesOf(result.data.person), version: result.data.person.version } : null;
    },
    (theirs, yours) => diffFields(labels, readable(theirs), readable(yours)),
  );

  const submit = form.onSubmit(async (values) => {
    const input = {
      fullName: values.fullName.trim(),
      organisationId: values.organisationId,
      jobTitle: blankToNull(values.jobTitle),
      seniority: (values.seniority as Seniority | null) ?? null,
      email: blankToNull(values.email),
      phone: blankToNull(values.phone),
    };
    const result = person
      ? await update({ id: person.id, version: flow.version, input }, personChanged)
      : await create({ townId, input }, personChanged);
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });

  return (
    <>
      <Modal opened onClose={() => onClose(false)} title={person ? t('directory.editPerson') : t('directory.newPerson')} size="lg" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <FormError message={flow.formError} />
            <TextInput label={t('directory.fullName')} required data-autofocus {...form.getInputProps('fullName')} />
            <Select label={t('directory.organisation')} placeholder={t('directory.noOrganisation')} clearable searchable data={organisationOptions} {...form.getInputProps('organisationId')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('directory.jobTitle')} {...form.getInputProps('jobTitle')} />
              <Select label={t('directory.seniority')} clearable data={SENIORITIES.map((s) => ({ value: s, label: t(`seniority.${s}`) }))} {...form.getInputProps('seniority')} />
              <TextInput label={t('directory.email')} type="email" dir="ltr" {...form.getInputProps('email')} />
              <TextInput label={t('directory.phone')} type="tel" dir="ltr" {...form.getInputProps('phone')} />
            </SimpleGrid>
            <FormActions onCancel={() => onClose(false)} submitting={form.submitting} />
          </Stack>
        </form>
      </Modal>
      {flow.conflictDialog}
    </>
  );
}
