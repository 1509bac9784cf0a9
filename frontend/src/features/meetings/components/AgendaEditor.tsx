import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Alert, Autocomplete, Button, Group, NumberInput, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconGripVertical, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';

import type { AgendaKind, MeetingPageQuery } from '@/gql/graphql';
import { failureMessage, fieldMessage, toFailure } from '@/lib/errors';

import { meetingChanged } from '../api/changes';
import { SetAgendaMutation } from '../api/queries';

type Meeting = MeetingPageQuery['meeting'];
type Row = { key: string; title: string; kind: AgendaKind; minutes: number; presenter: string; links: string[] };
const KINDS: AgendaKind[] = ['PRESENTATION', 'DISCUSSION', 'DECISION', 'UPDATE', 'BREAK'];

let nextKey = 0;
const rowsOf = (meeting: Meeting): Row[] =>
  meeting.agenda.map((item) => ({ key: `k${nextKey++}`, title: item.title, kind: item.kind, minutes: item.minutes, presenter: item.presenter ?? '', links: item.links }));

function SortableRow({
  row,
  index,
  count,
  error,
  onChange,
  onMove,
  onRemove,
  presenters,
}: {
  presenters: string[];
  row: Row;
  index: number;
  count: number;
  error: (field: string) => string | undefined;
  onChange: (row: Row) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: row.key });
  const label = row.title || `#${index + 1}`;
  return (
    <Paper ref={setNodeRef} withBorder p="xs" style={{ transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.6 : 1 }} data-agenda-item={index}>
      <Group align="flex-end" wrap="wrap" gap="xs">
        <ActionIcon variant="subtle" color="gray" aria-label={t('meetings.moveItem', { title: label })} style={{ cursor: 'grab', touchAction: 'none' }} {...attributes} {...listeners}>
          <IconGripVertical size={18} aria-hidden />
        </ActionIcon>
        <TextInput label={t('meetings.itemTitle')} data-agenda-title value={row.title} onChange={(e) => onChange({ ...row, title: e.currentTarget.value })} error={error('title')} style={{ flex: '1 1 14rem' }} />
        <Select label={t('meetings.itemKind')} data={KINDS.map((k) => ({ value: k, label: t(`agendaKinds.${k}`) }))} value={row.kind} onChange={(v) => v && onChange({ ...row, kind: v as AgendaKind })} w={130} allowDeselect={false} />
        <NumberInput label={t('meetings.itemMinutes')} value={row.minutes} onChange={(v) => onChange({ ...row, minutes: Number(v) || 0 })} error={error('minutes')} w={90} allowDecimal={false} />
        {/* The body's members and the meeting's invitees to choose from; a guest's name is typed. */}
        <Autocomplete label={t('meetings.presenter')} data={presenters} value={row.presenter} onChange={(presenter) => onChange({ ...row, presenter })} w={180} limit={20} />
        <Group gap={2} wrap="nowrap">
          <ActionIcon variant="subtle" aria-label={t('meetings.moveUp', { title: label })} disabled={index === 0} onClick={() => onMove(index - 1)}>
            <IconArrowUp size={16} aria-hidden />
          </ActionIcon>
          <ActionIcon variant="subtle" aria-label={t('meetings.moveDown', { title: label })} disabled={index === count - 1} onClick={() => onMove(index + 1)}>
            <IconArrowDown size={16} aria-hidden />
          </ActionIcon>
          <ActionIcon variant="subtle" color="red" aria-label={t('meetings.removeItem', { title: label })} onClick={onRemove}>
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      </Group>
    </Paper>
  );
}

/**
 * Mount with `key={meeting.version}`: a saved or reloaded meeting starts the editor afresh.
 *
 * The agenda builder: ordered items with kind, minutes and presenter, reordered by dragging,
 * by keyboard (space on the handle, then arrows) or with the up and down buttons. The running
 * total is checked against the meeting's duration as the user types.
 */
export function AgendaEditor({ meeting, onSaved, onReload }: { meeting: Meeting; onSaved: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(meeting));
  const [message, setMessage] = useState<{ ok: boolean; text: string; conflict?: boolean } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [{ fetching }, save] = useMutation(SetAgendaMutation);
  const sensors = useSensors(useSensor(PointerSensor), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const presenters = useMemo(
    () => [...new Set([...meeting.body.members.map((m) => m.person.fullName), ...meeting.attendance.map((a) => a.person.fullName)])].sort((a, b) => a.localeCompare(b)),
    [meeting],
  );
  const total = rows.reduce((sum, row) => sum + (row.minutes || 0), 0);
  const overflow = total - meeting.durationMinutes;
  const localErrors = (index: number, field: string): string | undefined => {
    const row = rows[index];
    if (!row) return undefined;
    if (field === 'title' && !row.title.trim()) return fieldMessage(t, 'required');
    if (field === 'minutes' && row.minutes < 0) return fieldMessage(t, 'out_of_range', { min: '0', max: '720' });
    return fieldErrors[`items.${index}.${field}`];
  };
  const invalid = rows.some((_, i) => localErrors(i, 'title') || localErrors(i, 'minutes'));

  const move = (from: number, to: number) => setRows((current) => arrayMove(current, from, to));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over && active.id !== over.id) move(rows.findIndex((r) => r.key === active.id), rows.findIndex((r) => r.key === over.id));
  };

  const submit = async () => {
    setMessage(null);
    const items = rows.map((r) => ({ title: r.title.trim(), kind: r.kind, minutes: r.minutes, presenter: r.presenter.trim() || null, links: r.links }));
    const result = await save({ meetingId: meeting.id, version: meeting.version, items }, meetingChanged);
    const failure = toFailure(result.error);
    if (!failure) {
      onSaved(); // urql refetches the meeting; its new version remounts this editor.
      return;
    }
    setFieldErrors(Object.fromEntries(Object.entries(failure.fields).map(([field, e]) => [field, fieldMessage(t, e.code, e.params)])));
    setMessage({ ok: false, text: failureMessage(t, failure), conflict: failure.code === 'CONFLICT' });
  };

  return (
    <Stack gap="xs">
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={rows.map((r) => r.key)} strategy={verticalListSortingStrategy}>
          {rows.map((row, index) => (
            <SortableRow
              key={row.key}
              row={row}
              index={index}
              count={rows.length}
              error={(field) => localErrors(index, field)}
              onChange={(changed) => setRows((current) => current.map((r) => (r.key === row.key ? changed : r)))}
              onMove={(to) => move(index, to)}
              onRemove={() => setRows((current) => current.filter((r) => r.key !== row.key))}
              presenters={presenters}
            />
          ))}
        </SortableContext>
      </DndContext>
      <Group justify="space-between" wrap="wrap">
        <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setRows((current) => [...current, { key: `k${nextKey++}`, title: '', kind: 'DISCUSSION', minutes: 15, presenter: '', links: [] }])}>
          {t('meetings.addItem')}
        </Button>
        <Text size="sm" aria-live="polite" data-agenda-total={total}>
          {t('meetings.agendaTotal', { total, duration: meeting.durationMinutes })}
        </Text>
      </Group>
      {overflow > 0 && (
        <Alert color="yellow" variant="light" role="status">
          {t('meetings.agendaOverflow', { minutes: overflow })}
        </Alert>
      )}
      {message && (
        <Alert color={message.ok ? 'teal' : 'red'} role={message.ok ? 'status' : 'alert'}>
          <Group justify="space-between">
            <Text size="sm">{message.text}</Text>
            {message.conflict && (
              <Button size="xs" variant="default" onClick={onReload}>
                {t('conflict.takeTheirs')}
              </Button>
            )}
          </Group>
        </Alert>
      )}
      <Group justify="flex-end">
        <Button onClick={() => void submit()} loading={fetching} disabled={invalid}>
          {t('meetings.saveAgenda')}
        </Button>
      </Group>
    </Stack>
  );
}
