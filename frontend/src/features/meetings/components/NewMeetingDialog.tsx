import { Checkbox, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { DateTimeField } from '@/components/DateField';
import { FormError } from '@/components/FormError';
import { FormActions } from '@/components/FormActions';
import { useSaveFlow } from '@/hooks/useSaveFlow';
import type { TownMeetingsQuery } from '@/gql/graphql';
import { fieldMessage } from '@/lib/errors';

import { meetingChanged } from '../api/changes';
import { CreateMeetingMutation, MeetingTemplatesQuery } from '../api/queries';

type Body = NonNullable<TownMeetingsQuery['town']['forum']>['bodies'][number];

/** A local date-time input value a week from now at 10:00. */
function nextWeek(): string {
  const date = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  date.setHours(10, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T10:00`;
}

/**
 * A team's or committee's recurring meeting is named with the body, so a list of them tells them
 * apart; the forum's own meetings have titles of their own.
 */
function titled(template: string, body: Body | undefined): string {
  return body && body.kind !== 'FORUM' && !template.includes(body.name) ? `${template} — ${body.name}` : template;
}

/** Plans a meeting: pick the body, start from a template (the next canonical one is suggested). */
export function NewMeetingDialog({ bodies, onClose }: { bodies: Body[]; onClose: (createdId: string | null) => void }) {
  const { t } = useTranslation();
  const [, create] = useMutation(CreateMeetingMutation);
  const open = bodies.filter((b) => !b.closed);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      bodyId: (open.find((b) => b.kind === 'FORUM') ?? open[0])?.id ?? null,
      templateKey: null as string | null,
      title: '',
      startsAt: nextWeek(),
      durationMinutes: '' as number | string,
      place: '',
      onlineUrl: '',
      carryOver: true,
    },
    validateInputOnChange: true,
    validate: {
      bodyId: (v) => (v ? null : fieldMessage(t, 'required')),
      title: (v) => (v.trim() ? (v.length > 300 ? fieldMessage(t, 'too_long', { max: '300' }) : null) : fieldMessage(t, 'required')),
      startsAt: (v) => (v && !Number.isNaN(Date.parse(v)) ? null : fieldMessage(t, 'required')),
      durationMinutes: (v) => (v === '' ? null : Number(v) < 1 ? fieldMessage(t, 'end_before_start') : Number(v) > 720 ? fieldMessage(t, 'out_of_range', { min: '1', max: '720' }) : null),
      onlineUrl: (v) => (!v.trim() || /^https?:\/\/\S+$/.test(v.trim()) ? null : fieldMessage(t, 'invalid_url')),
    },
  });
  const bodyId = form.values.bodyId;
  const [{ data: templates }] = useQuery({ query: MeetingTemplatesQuery, variables: { bodyId: bodyId ?? '' }, pause: !bodyId });
  const suggested = templates?.meetingTemplates.suggested;
  const { setFieldValue } = form;
  const titleFor = (template: string) => titled(template, bodies.find((b) => b.id === bodyId));

  // The suggested (or only) template is preselected, with its title, once per body's templates.
  // The templates arrive after the body is chosen: a title the user typed meanwhile is kept.
  const preselected = useRef<unknown>(null);
  const autoTitle = useRef('');
  const { getValues } = form;
  useEffect(() => {
    if (!templates || preselected.current === templates) return;
    preselected.current = templates;
    const list = templates.meetingTemplates.templates;
    const pick = templates.meetingTemplates.suggested?.key ?? (list.length === 1 ? list[0]?.key : null) ?? null;
    setFieldValue('templateKey', pick);
    const typed = getValues().title;
    const chosen = list.find((x) => x.key === pick);
    if (typed === '' || typed === autoTitle.current) {
      autoTitle.current = chosen ? titled(chosen.title, bodies.find((b) => b.id === getValues().bodyId)) : '';
      setFieldValue('title', autoTitle.current);
    }
    // The template's length comes with it, so its agenda does not "overflow" a length nobody chose.
    if (chosen && getValues().durationMinutes === '') setFieldValue('durationMinutes', chosen.durationMinutes);
  }, [templates, setFieldValue, getValues, bodies]);

  const flow = useSaveFlow(form, 0, async () => null, () => []);
  const submit = form.onSubmit(async (values) => {
    const input = {
      title: values.title.trim(),
      startsAt: new Date(values.startsAt).toISOString(),
      durationMinutes: values.durationMinutes === '' ? null : Number(values.durationMinutes),
      place: values.place.trim() || null,
      onlineUrl: values.onlineUrl.trim() || null,
    };
    const result = await create({ bodyId: values.bodyId ?? '', input, templateKey: values.templateKey, carryOver: values.carryOver }, meetingChanged);
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(result.data?.createMeeting.id ?? null);
  });

  return (
    <Modal opened onClose={() => onClose(null)} title={t('meetings.new')} size="lg" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={flow.formError} />
          <Select label={t('meetings.body')} required data={open.map((b) => ({ value: b.id, label: b.name }))} {...form.getInputProps('bodyId')} />
          <Select
            label={t('meetings.template')}
            placeholder={t('meetings.noTemplate')}
            clearable
            description={suggested ? t('meetings.suggested', { title: suggested.title }) : undefined}
            data={(templates?.meetingTemplates.templates ?? []).map((x) => ({ value: x.key, label: x.townOwned ? `${x.title} (${t('meetings.townTemplate')})` : x.title }))}
            {...form.getInputProps('templateKey')}
            onChange={(key) => {
              setFieldValue('templateKey', key);
              const chosen = templates?.meetingTemplates.templates.find((x) => x.key === key);
              if (chosen) {
                setFieldValue('title', titleFor(chosen.title));
                setFieldValue('durationMinutes', chosen.durationMinutes);
              }
            }}
          />
          <TextInput label={t('meetings.titleField')} required {...form.getInputProps('title')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateTimeField label={t('meetings.startsAt')} required value={form.values.startsAt} onChange={(v) => form.setFieldValue('startsAt', v)} error={form.errors.startsAt} />
            <NumberInput label={t('meetings.duration')} min={1} max={720} allowDecimal={false} {...form.getInputProps('durationMinutes')} />
            <TextInput label={t('meetings.place')} {...form.getInputProps('place')} />
            <TextInput label={t('meetings.onlineUrl')} type="url" dir="ltr" {...form.getInputProps('onlineUrl')} />
          </SimpleGrid>
          <Checkbox label={t('meetings.carryOver')} {...form.getInputProps('carryOver', { type: 'checkbox' })} />
          <FormActions onCancel={() => onClose(null)} submitting={form.submitting} submitLabel={t('meetings.create')} />
        </Stack>
      </form>
    </Modal>
  );
}
