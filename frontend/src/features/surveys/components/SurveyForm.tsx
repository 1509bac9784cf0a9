import { ActionIcon, Button, Checkbox, Fieldset, Group, MultiSelect, NumberInput, Radio, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import { FormError } from '@/components/FormError';
import type { HiringHorizon, Industry, InternalTraining, RemoteWork, SurveyAnswersInput, TrainingNeed } from '@/gql/graphql';
import { useSaveFlow } from '@/hooks/useSaveFlow';
import { localName, type PlaceNames } from '@/lib/names';

export const INDUSTRIES: Industry[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U'];
export const HORIZONS: HiringHorizon[] = ['ONE_TO_TWO_MONTHS', 'THREE_TO_SIX_MONTHS', 'HALF_YEAR_OR_MORE', 'NONE'];
const REMOTE: RemoteWork[] = ['ALREADY_HYBRID', 'CONSIDERING', 'NOT_RELEVANT'];
const INTERNAL: InternalTraining[] = ['ORGANISED_PROGRAMME', 'REGULARLY_FOR_SOME', 'SOMETIMES_FOR_SOME', 'NONE'];
export const TRAINING: TrainingNeed[] = ['NONE', 'ONBOARDING_ONLY', 'PROFESSIONAL_TRAINING'];

type Town = PlaceNames & { id: string };
type Saved = { error?: Parameters<ReturnType<typeof useSaveFlow>['handle']>[0]['error']; ok: boolean };

/**
 * Annex 2's sixteen questions, the same for an employer on the public link and for a referent
 * on a call; the branching is the annex's (positions only when there are any, satisfaction only
 * with contact), and the server's field errors land next to their questions.
 */
export function SurveyForm({ towns, townId, submitLabel, onSubmit }: { towns: Town[]; townId: string; submitLabel: string; onSubmit: (input: SurveyAnswersInput) => Promise<Saved> }) {
  const { t, i18n } = useTranslation();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      company: '',
      locationTownId: townId as string | null,
      industry: null as string | null,
      employees: '' as number | string,
      recruitmentTownIds: [townId] as string[],
      hasOpenPositions: 'no',
      openPositions: [{ occupation: '', code: '', count: 1 as number | string }],
      hiringHorizon: null as string | null,
      wantsHiringHelp: false,
      remoteWork: null as string | null,
      internalTraining: null as string | null,
      trainingNeed: null as string | null,
      inContactWithService: 'no',
      satisfaction: null as string | null,
      wantsContact: false,
      wantsCommunity: false,
      contactName: '',
      contactEmail: '',
      contactPhone: '',
    },
  });
  const flow = useSaveFlow(form, 0, async () => null, () => []);
  const townOptions = towns.map((town) => ({ value: town.id, label: localName(town, i18n.language) }));
  const v = form.values;
  const submit = form.onSubmit(async (values) => {
    const positions = values.hasOpenPositions === 'yes';
    const input: SurveyAnswersInput = {
      company: values.company,
      locationTownId: values.locationTownId,
      industry: values.industry as Industry | null,
      employees: values.employees === '' ? null : Number(values.employees),
      recruitmentTownIds: values.recruitmentTownIds,
      hasOpenPositions: positions,
      openPositions: positions ? values.openPositions.map((p) => ({ occupation: p.occupation, code: p.code || null, count: Number(p.count) || 0 })) : [],
      hiringHorizon: values.hiringHorizon as HiringHorizon | null,
      wantsHiringHelp: values.wantsHiringHelp,
      remoteWork: values.remoteWork as RemoteWork | null,
      internalTraining: values.internalTraining as InternalTraining | null,
      trainingNeed: values.trainingNeed as TrainingNeed | null,
      inContactWithService: values.inContactWithService === 'yes',
      satisfaction: values.inContactWithService === 'yes' && values.satisfaction ? Number(values.satisfaction) : null,
      wantsContact: values.wantsContact,
      wantsCommunity: values.wantsCommunity,
      contactName: values.contactName || null,
      contactEmail: values.contactEmail || null,
      contactPhone: values.contactPhone || null,
    };
    await flow.handle(await onSubmit(input));
  });
  const yesNo = [
    { value: 'yes', label: t('surveys.yes') },
    { value: 'no', label: t('surveys.no') },
  ];
  const radios = (name: string, label: string, options: { value: string; label: string }[]) => (
    <Radio.Group label={label} {...form.getInputProps(name)}>
      <Stack gap={6} mt={6}>
        {options.map((o) => (
          <Radio key={o.value} value={o.value} label={o.label} />
        ))}
      </Stack>
    </Radio.Group>
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Fieldset legend={t('surveys.sectionEmployer')}>
          <Stack>
            <TextInput label={t('surveys.q.company')} required autoComplete="organization" {...form.getInputProps('company')} />
            <Select label={t('surveys.q.location')} searchable data={townOptions} {...form.getInputProps('locationTownId')} />
            <Select label={t('surveys.q.industry')} searchable data={INDUSTRIES.map((i) => ({ value: i, label: t(`surveys.industries.${i}`) }))} {...form.getInputProps('industry')} />
            <NumberInput label={t('surveys.q.employees')} min={1} allowDecimal={false} {...form.getInputProps('employees')} />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('surveys.sectionHiring')}>
          <Stack>
            <MultiSelect label={t('surveys.q.recruitmentAreas')} searchable data={townOptions} {...form.getInputProps('recruitmentTownIds')} />
            {radios('hasOpenPositions', t('surveys.q.hasOpenPositions'), yesNo)}
            {v.hasOpenPositions === 'yes' && (
              <Stack gap="xs" aria-label={t('surveys.q.openPositions')} role="group">
                {v.openPositions.map((_, index) => (
                  <Group key={index} align="flex-end" gap="xs" wrap="nowrap">
                    <TextInput style={{ flex: 3 }} label={t('surveys.q.occupation')} required {...form.getInputProps(`openPositions.${index}.occupation`)} />
                    <TextInput style={{ flex: 1 }} label={t('surveys.q.code')} inputMode="numeric" {...form.getInputProps(`openPositions.${index}.code`)} />
                    <NumberInput style={{ flex: 1 }} label={t('surveys.q.count')} min={1} allowDecimal={false} {...form.getInputProps(`openPositions.${index}.count`)} />
                    <ActionIcon variant="subtle" color="red.9" size="lg" aria-label={t('surveys.q.removePosition', { n: index + 1 })} disabled={v.openPositions.length === 1} onClick={() => form.removeListItem('openPositions', index)}>
                      <IconTrash size={18} aria-hidden />
                    </ActionIcon>
                  </Group>
                ))}
                <FormError message={typeof form.errors.openPositions === 'string' ? form.errors.openPositions : null} />
                <Group>
                  <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => form.insertListItem('openPositions', { occupation: '', code: '', count: 1 })}>
                    {t('surveys.q.addPosition')}
                  </Button>
                </Group>
              </Stack>
            )}
            {radios('hiringHorizon', t('surveys.q.hiringHorizon'), HORIZONS.map((h) => ({ value: h, label: t(`surveys.horizons.${h}`) })))}
            <Checkbox label={t('surveys.q.wantsHiringHelp')} {...form.getInputProps('wantsHiringHelp', { type: 'checkbox' })} />
            {radios('remoteWork', t('surveys.q.remoteWork'), REMOTE.map((r) => ({ value: r, label: t(`surveys.remoteWork.${r}`) })))}
            {radios('internalTraining', t('surveys.q.internalTraining'), INTERNAL.map((r) => ({ value: r, label: t(`surveys.internalTraining.${r}`) })))}
            {radios('trainingNeed', t('surveys.q.trainingNeed'), TRAINING.map((r) => ({ value: r, label: t(`surveys.trainingNeeds.${r}`) })))}
          </Stack>
        </Fieldset>
        <Fieldset legend={t('surveys.sectionService')}>
          <Stack>
            {radios('inContactWithService', t('surveys.q.inContact'), yesNo)}
            {v.inContactWithService === 'yes' && radios('satisfaction', t('surveys.q.satisfaction'), ['1', '2', '3', '4', '5'].map((n) => ({ value: n, label: n })))}
            <Checkbox label={t('surveys.q.wantsContact')} {...form.getInputProps('wantsContact', { type: 'checkbox' })} />
            <Checkbox label={t('surveys.q.wantsCommunity')} {...form.getInputProps('wantsCommunity', { type: 'checkbox' })} />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('surveys.sectionContact')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('surveys.q.contactName')} autoComplete="name" {...form.getInputProps('contactName')} />
            <TextInput label={t('surveys.q.contactEmail')} type="email" autoComplete="email" dir="ltr" {...form.getInputProps('contactEmail')} />
            <TextInput label={t('surveys.q.contactPhone')} type="tel" autoComplete="tel" dir="ltr" {...form.getInputProps('contactPhone')} />
          </SimpleGrid>
        </Fieldset>
        <FormError message={flow.formError} />
        <Group>
          <Button type="submit" size="md" loading={form.submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
