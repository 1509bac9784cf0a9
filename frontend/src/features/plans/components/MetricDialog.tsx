import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { FormActions } from '@/components/FormActions';
import { FormError } from '@/components/FormError';
import type { Direction, Indicator, MetricKind, MetricSource, MetricUnit } from '@/gql/graphql';
import { useSaveFlow } from '@/hooks/useSaveFlow';
import { fieldMessage } from '@/lib/errors';
import { INDICATOR_GROUPS } from '@/lib/indicators';

import { metricChanged } from '../api/changes';
import { CreateMetricMutation, TownPeopleQuery, UpdateMetricMutation } from '../api/queries';
import { parseQuarter } from './quarters';

const UNITS: MetricUnit[] = ['COUNT', 'PERCENT', 'SHEKELS_PER_MONTH', 'OTHER'];
const SOURCES: MetricSource[] = ['EMPLOYMENT_SERVICE_BI', 'MUNICIPALITY', 'SURVEY', 'OTHER'];
const DIRECTIONS: Direction[] = ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'];
const KINDS: MetricKind[] = ['OUTCOME', 'OUTPUT'];

export type MetricValues = {
  id: string;
  version: number;
  name: string;
  unit: MetricUnit;
  unitLabel?: string | null;
  direction: Direction;
  kind: MetricKind;
  source: MetricSource;
  baseline?: number | null;
  baselineQuarter?: string | null;
  target?: number | null;
  targetQuarter?: string | null;
  recorder?: { id: string } | null;
  indicator?: Indicator | null;
};

/** The unit a metric fed by an indicator is kept in (the server sets the same). */
const unitOf = (indicator: Indicator): MetricUnit => (indicator === 'UNEMPLOYMENT_RATE' ? 'PERCENT' : indicator === 'AVERAGE_WAGE' ? 'SHEKELS_PER_MONTH' : 'COUNT');

type Usual = { key: string; unit: MetricUnit; direction: Direction };

const quarterCheck = (t: (k: string) => string) => (v: string) => (v && !parseQuarter(v.trim().toUpperCase()) ? fieldMessage(t as never, 'invalid_quarter') : null);

/**
 * Creates or edits an outcome metric. Picking "output" explains why the model prefers outcome
 * metrics and offers its usual ones, one click each.
 */
export function MetricDialog({ townId, focusId, metric, usual, onClose }: { townId: string; focusId: string; metric?: MetricValues; usual: Usual[]; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [{ data: people }] = useQuery({ query: TownPeopleQuery, variables: { townId } });
  const [, create] = useMutation(CreateMetricMutation);
  const [, update] = useMutation(UpdateMetricMutation);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: metric?.name ?? '',
      unit: (metric?.unit ?? 'COUNT') as string,
      unitLabel: metric?.unitLabel ?? '',
      direction: (metric?.direction ?? 'HIGHER_IS_BETTER') as string,
      kind: (metric?.kind ?? 'OUTCOME') as string,
      source: (metric?.source ?? 'EMPLOYMENT_SERVICE_BI') as string,
      baseline: (metric?.baseline ?? '') as number | string,
      baselineQuarter: metric?.baselineQuarter ?? '',
      target: (metric?.target ?? '') as number | string,
      targetQuarter: metric?.targetQuarter ?? '',
      recorderPersonId: metric?.recorder?.id ?? (null as string | null),
      indicator: (metric?.indicator ?? null) as string | null,
    },
    validateInputOnChange: true,
    validate: {
      name: (v) => (v.trim() ? null : fieldMessage(t, 'required')),
      baselineQuarter: quarterCheck(t),
      targetQuarter: (v, values) =>
        quarterCheck(t)(v) ?? (v && values.baselineQuarter && v.trim().toUpperCase() <= values.baselineQuarter.trim().toUpperCase() ? fieldMessage(t, 'target_before_baseline') : null),
      baseline: (v, values) => (values.unit === 'PERCENT' && v !== '' && (Number(v) < 0 || Number(v) > 100) ? fieldMessage(t, 'out_of_range', { min: '0', max: '100' }) : null),
      target: (v, values) => (values.unit === 'PERCENT' && v !== '' && (Number(v) < 0 || Number(v) > 100) ? fieldMessage(t, 'out_of_range', { min: '0', max: '100' }) : null),
    },
  });
  const flow = useSaveFlow(form, metric?.version ?? 0, async () => null, () => []);
  const submit = form.onSubmit(async (values) => {
    const number = (v: number | string) => (v === '' ? null : Number(v));
    const quarter = (v: string) => (v.trim() ? v.trim().toUpperCase() : null);
    const input = {
      name: values.name,
      unit: values.unit as MetricUnit,
      unitLabel: values.unit === 'OTHER' ? values.unitLabel || null : null,
      direction: values.direction as Direction,
      kind: values.kind as MetricKind,
      source: values.source as MetricSource,
      baseline: number(values.baseline),
      baselineQuarter: quarter(values.baselineQuarter),
      target: number(values.target),
      targetQuarter: quarter(values.targetQuarter),
      recorderPersonId: values.recorderPersonId,
      indicator: (values.indicator as Indicator | null) || null,
    };
    const result = metric
      ? await update({ id: metric.id, version: flow.version, input }, metricChanged)
      : await create({ focusId, input }, metricChanged);
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });
  const adopt = (u: Usual) => {
    form.setValues({ name: t(`metrics.usual.${u.key}`), unit: u.unit, direction: u.direction, kind: 'OUTCOME' });
  };
  const personOptions = (people?.people.items ?? []).map((p) => ({ value: p.id, label: p.fullName }));
  return (
    <Modal opened onClose={() => onClose(false)} title={metric ? t('metrics.edit', { name: metric.name }) : t('metrics.new')} size="xl" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={flow.formError} />
          <TextInput label={t('metrics.name')} required data-autofocus {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('metrics.kind')} allowDeselect={false} data={KINDS.map((k) => ({ value: k, label: t(`metrics.kinds.${k}`) }))} {...form.getInputProps('kind')} />
            <Select label={t('metrics.direction')} allowDeselect={false} data={DIRECTIONS.map((d) => ({ value: d, label: t(`metrics.directions.${d}`) }))} {...form.getInputProps('direction')} />
          </SimpleGrid>
          {form.values.kind === 'OUTPUT' && (
            <Alert color="yellow" title={t('metrics.outputTitle')}>
              <Stack gap="xs">
                <Text size="sm">{t('metrics.outputWhy')}</Text>
                <Group gap="xs">
                  {usual.map((u) => (
                    <Button key={u.key} size="xs" variant="light" onClick={() => adopt(u)}>
                      {t(`metrics.usual.${u.key}`)}
                    </Button>
                  ))}
                </Group>
              </Stack>
            </Alert>
          )}
          <Select
            label={t('metrics.indicator')}
            description={t('metrics.indicatorHint')}
            placeholder={t('metrics.typedIn')}
            clearable
            searchable
            data={INDICATOR_GROUPS.map((g) => ({ group: t(`indicators.groups.${g.key}`), items: g.indicators.map((i) => ({ value: i, label: t(`indicators.names.${i}`) })) }))}
            {...form.getInputProps('indicator')}
            onChange={(value) => {
              form.setFieldValue('indicator', value);
              if (value) {
                form.setFieldValue('unit', unitOf(value as Indicator));
                form.setFieldValue('source', 'EMPLOYMENT_SERVICE_BI');
              }
            }}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select label={t('metrics.unit')} allowDeselect={false} disabled={!!form.values.indicator} data={UNITS.map((u) => ({ value: u, label: t(`metrics.units.${u}`) }))} {...form.getInputProps('unit')} />
            {form.values.unit === 'OTHER' && <TextInput label={t('metrics.unitLabel')} {...form.getInputProps('unitLabel')} />}
            <Select label={t('metrics.source')} allowDeselect={false} disabled={!!form.values.indicator} data={SOURCES.map((s) => ({ value: s, label: t(`metrics.sources.${s}`) }))} {...form.getInputProps('source')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput label={t('metrics.baseline')} decimalScale={2} {...form.getInputProps('baseline')} />
            <TextInput label={t('metrics.baselineQuarter')} placeholder="2025-Q1" description={t('metrics.quarterHint')} {...form.getInputProps('baselineQuarter')} />
            <NumberInput label={t('metrics.target')} decimalScale={2} {...form.getInputProps('target')} />
            <TextInput label={t('metrics.targetQuarter')} placeholder="2027-Q4" {...form.getInputProps('targetQuarter')} />
          </SimpleGrid>
          <Select label={t('metrics.recorder')} description={t('metrics.recorderHint')} searchable clearable data={personOptions} {...form.getInputProps('recorderPersonId')} />
          <FormActions onCancel={() => onClose(false)} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}
