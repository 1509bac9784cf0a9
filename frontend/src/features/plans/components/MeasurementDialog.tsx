import { Modal, NumberInput, Select, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';

import { FormActions } from '@/components/FormActions';
import { FormError } from '@/components/FormError';
import type { MetricUnit } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';
import { useSaveFlow } from '@/hooks/useSaveFlow';
import { fieldMessage } from '@/lib/errors';

import { measurementChanged } from '../api/changes';
import { RecordMeasurementMutation } from '../api/queries';
import { addQuarters, parseQuarter, quartersBetween } from './quarters';

type Measured = { quarter: string; value: number; note?: string | null; version: number };

/**
 * Records a quarter's value, or corrects one: choosing a quarter already measured fills in its
 * value, and the correction names the version it replaces.
 */
export function MeasurementDialog({
  metric,
  lastClosed,
  onClose,
}: {
  metric: { id: string; name: string; unit: MetricUnit; baselineQuarter?: string | null; measurements: Measured[] };
  lastClosed: string;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [, record] = useMutation(RecordMeasurementMutation);
  // The current quarter may be measured early; later ones cannot be.
  const latest = addQuarters(lastClosed, 1);
  const first = [metric.baselineQuarter, metric.measurements[0]?.quarter, addQuarters(lastClosed, -11)].filter(Boolean).sort()[0] as string;
  const quarters = quartersBetween(first, latest).reverse();
  const existing = (quarter: string) => metric.measurements.find((m) => m.quarter === quarter);
  const form = useForm({
    mode: 'controlled',
    initialValues: { quarter: lastClosed as string | null, value: (existing(lastClosed)?.value ?? '') as number | string, note: existing(lastClosed)?.note ?? '' },
    validateInputOnChange: true,
    validate: {
      quarter: (v) => (v ? null : fieldMessage(t, 'required')),
      value: (v) =>
        v === '' ? fieldMessage(t, 'required') : metric.unit === 'PERCENT' && (Number(v) < 0 || Number(v) > 100) ? fieldMessage(t, 'out_of_range', { min: '0', max: '100' }) : null,
    },
    onValuesChange: (values, previous) => {
      if (values.quarter !== previous.quarter && values.quarter) {
        const found = existing(values.quarter);
        form.setValues({ value: found?.value ?? '', note: found?.note ?? '' });
      }
    },
  });
  const flow = useSaveFlow(form, 0, async () => null, () => []);
  const submit = form.onSubmit(async (values) => {
    const quarter = values.quarter ?? '';
    const version = existing(quarter)?.version ?? null;
    const result = await record({ metricId: metric.id, input: { quarter, value: Number(values.value), note: values.note || null }, version }, measurementChanged);
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });
  const label = (text: string) => {
    const q = parseQuarter(text);
    const name = q ? format.quarter(q.year, q.quarter) : text;
    return existing(text) ? `${name} · ${format.number(existing(text)?.value)}` : name;
  };
  return (
    <Modal opened onClose={() => onClose(false)} title={t('metrics.recordTitle', { name: metric.name })} closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={flow.formError} />
          <Select label={t('metrics.quarter')} required allowDeselect={false} data={quarters.map((q) => ({ value: q, label: label(q) }))} {...form.getInputProps('quarter')} />
          <NumberInput label={t('metrics.value')} required decimalScale={2} data-autofocus {...form.getInputProps('value')} />
          <Textarea label={t('metrics.note')} autosize minRows={2} {...form.getInputProps('note')} />
          <FormActions onCancel={() => onClose(false)} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}
