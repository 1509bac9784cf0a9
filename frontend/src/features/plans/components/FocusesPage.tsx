import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Alert, Anchor, Badge, Button, Card, Code, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconFileImport, IconGripVertical, IconListCheck, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';

import { FormError } from '@/components/FormError';
import { type ImportChange, ImportDialog } from '@/components/ImportDialog';
import { ErrorState, Loading } from '@/components/PageState';
import type { FocusesPageQuery } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';
import { useProblem } from '@/hooks/useProblem';
import { localName } from '@/lib/names';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';

import { focusChanged, focusLists } from '../api/changes';
import { FocusesPageQuery as Query, ReorderFocusesMutation } from '../api/queries';
import { FocusDialog } from './FocusDialog';
import { parseQuarter, STATUS_COLOR } from './quarters';

type MeasurementChange = ImportChange & { metricName: string; quarter: string };

type Focus = NonNullable<FocusesPageQuery['town']['forum']>['focuses'][number];

function FocusCard({ focus, index, count, canEdit, onMove }: { focus: Focus; index: number; count: number; canEdit: boolean; onMove: (to: number) => void }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: focus.id, disabled: !canEdit });
  const unmet = focus.goals.reduce((sum, goal) => sum + goal.unmetCriteria.length, 0);
  return (
    <Card ref={setNodeRef} withBorder padding="md" style={{ transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.6 : 1 }} data-focus={focus.id}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group align="flex-start" wrap="nowrap" gap="sm">
          {canEdit && (
            <ActionIcon variant="subtle" color="gray" aria-label={t('focuses.move', { title: focus.title })} style={{ cursor: 'grab', touchAction: 'none' }} {...attributes} {...listeners}>
              <IconGripVertical size={18} aria-hidden />
            </ActionIcon>
          )}
          <Badge variant="outline" size="lg" circle aria-label={t('focuses.priority', { n: focus.priority })}>
            {index + 1}
          </Badge>
          <Stack gap={4}>
            <Anchor component={Link} to={`/focuses/${focus.id}`} fw={600} size="lg">
              {focus.title}
            </Anchor>
            <Group gap="xs">
              <Badge variant="light">{t(`focuses.kinds.${focus.kind}`)}</Badge>
              <Badge variant="dot" color={focus.status === 'ACTIVE' ? 'teal' : focus.status === 'PROPOSED' ? 'yellow' : 'gray'}>
                {t(`focuses.statuses.${focus.status}`)}
              </Badge>
              {focus.targetPopulation && <Text size="sm">{focus.targetPopulation}</Text>}
            </Group>
            <Text size="sm" c="dimmed">
              {focus.team ? t('focuses.ownedBy', { team: focus.team.name }) : t('focuses.noTeam')}
            </Text>
            <Group gap={6}>
              {focus.metrics.map((m) => (
                <Badge key={m.id} color={STATUS_COLOR[m.status]} variant="light" title={t(`metrics.statuses.${m.status}`)}>
                  {m.name}: {t(`metrics.statuses.${m.status}`)}
                  {m.due ? ` · ${t('metrics.due')}` : ''}
                </Badge>
              ))}
              {focus.metrics.length === 0 && (
                <Text size="sm" c="red.9">
                  {t('focuses.noMetrics')}
                </Text>
              )}
            </Group>
            {unmet > 0 && (
              <Text size="sm" c="red.9">
                {t('focuses.unmetCount', { count: unmet })}
              </Text>
            )}
          </Stack>
        </Group>
        {canEdit && (
          <Group gap={2} wrap="nowrap">
            <ActionIcon variant="subtle" aria-label={t('focuses.moveUp', { title: focus.title })} disabled={index === 0} onClick={() => onMove(index - 1)}>
              <IconArrowUp size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon variant="subtle" aria-label={t('focuses.moveDown', { title: focus.title })} disabled={index === count - 1} onClick={() => onMove(index + 1)}>
              <IconArrowDown size={16} aria-hidden />
            </ActionIcon>
          </Group>
        )}
      </Group>
    </Card>
  );
}

/** A forum's strategic focuses in priority order, their metrics' status, and what is due. */
export default function FocusesPage() {
  const { townId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [{ data, fetching, error }, refetch] = useQuery({ query: Query, variables: { townId }, context: focusLists });
  const [, reorder] = useMutation(ReorderFocusesMutation);
  const { problem, report } = useProblem();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  // The order just chosen, shown until the focuses it rearranged are refetched in it.
  const [moved, setMoved] = useState<{ ids: string[]; of: readonly Focus[] } | null>(null);
  const sensors = useSensors(useSensor(PointerSensor), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const town = data?.town;
  const townName = localName(town, i18n.language);
  const title = t('focuses.pageTitle', { town: townName });
  useDocumentTitle(townName && title);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!town?.forum) return fetching ? <Loading /> : null;
  const forum = town.forum;
  const canEdit = town.viewerMay.editForum;
  const byId = new Map(forum.focuses.map((f) => [f.id, f]));
  const order = moved?.of === forum.focuses ? moved.ids : forum.focuses.map((f) => f.id);
  const focuses = order.map((id) => byId.get(id)).filter((f): f is Focus => !!f);
  const last = parseQuarter(data?.lastClosedQuarter);

  async function move(from: number, to: number) {
    const ids = arrayMove(focuses.map((f) => f.id), from, to);
    setMoved({ ids, of: forum.focuses });
    const result = await reorder({ forumId: forum.id, ids }, focusChanged);
    if (!report(result)) setMoved(null);
  }
  const onDragEnd = (event: DragEndEvent) => {
    const from = focuses.findIndex((f) => f.id === event.active.id);
    const to = focuses.findIndex((f) => f.id === event.over?.id);
    if (from >= 0 && to >= 0 && from !== to) void move(from, to);
  };

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/towns/${townId}`} size="sm">
        {townName}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Title order={1}>{title}</Title>
        <Group>
          <Button component={Link} to={`/towns/${townId}/plan`} variant="light" leftSection={<IconListCheck size={18} aria-hidden />}>
            {t('plan.open')}
          </Button>
          {canEdit && (
            <Button variant="light" leftSection={<IconFileImport size={18} aria-hidden />} onClick={() => setImporting(true)}>
              {t('import.button')}
            </Button>
          )}
          {canEdit && (
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
              {t('focuses.new')}
            </Button>
          )}
        </Group>
      </Group>
      <Text>{t('focuses.intro')}</Text>
      {forum.dueMetrics.length > 0 && last && (
        <Alert color="yellow" title={t('metrics.dueTitle', { quarter: format.quarter(last.year, last.quarter) })}>
          <List size="sm">
            {forum.dueMetrics.map((m) => (
              <List.Item key={m.id}>
                <Anchor component={Link} to={`/focuses/${m.focus.id}`}>
                  {m.name}
                </Anchor>{' '}
                — {m.recorder ? t('metrics.recordedByPerson', { name: m.recorder.fullName }) : t('metrics.noRecorder')}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <FormError message={problem} />
      {focuses.length === 0 ? (
        <Text c="dimmed">{t('focuses.none')}</Text>
      ) : (
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
          <SortableContext items={focuses.map((f) => f.id)} strategy={verticalListSortingStrategy}>
            <Stack component="ol" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('focuses.listLabel')}>
              {focuses.map((focus, index) => (
                <li key={focus.id}>
                  <FocusCard focus={focus} index={index} count={focuses.length} canEdit={canEdit} onMove={(to) => void move(index, to)} />
                </li>
              ))}
            </Stack>
          </SortableContext>
        </DndContext>
      )}
      {creating && (
        <FocusDialog
          forumId={forum.id}
          onClose={() => setCreating(false)}
        />
      )}
      {importing && (
        <ImportDialog<MeasurementChange>
          title={t('import.title')}
          path={(apply) => `/import/forums/${forum.id}/measurements?apply=${apply}`}
          columns={
            <>
              {t('import.columns')} <Code>מדד</Code>, <Code>רבעון</Code>, <Code>ערך</Code>, <Code>הערה</Code> / <Code>metric</Code>, <Code>quarter</Code>, <Code>value</Code>, <Code>note</Code>
            </>
          }
          changeColumns={[
            { header: t('metrics.name'), cell: (c) => c.metricName },
            { header: t('metrics.quarter'), cell: (c) => c.quarter },
          ]}
          onClose={(imported) => {
            setImporting(false);
            if (imported) reload();
          }}
        />
      )}
    </Stack>
  );
}
