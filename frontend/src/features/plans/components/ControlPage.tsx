import { Alert, Anchor, Badge, Button, Card, Group, List, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconCircleCheck, IconDownload, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';

import { ScrollTable } from '@/components/ScrollTable';
import { FormError } from '@/components/FormError';
import { HealthPanel } from '@/components/HealthPanel';
import { ErrorState, Loading } from '@/components/PageState';
import type { ControlFiguresFieldsFragment, ControlPageQuery as ControlPageData, MetricStatus } from '@/gql/graphql';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useFormat } from '@/hooks/useFormat';
import { useJustSaved } from '@/hooks/useJustSaved';
import { useProblem } from '@/hooks/useProblem';
import { downloadWithSession } from '@/lib/download';
import { localName } from '@/lib/names';

import { controlChanged, controlLists } from '../api/changes';
import { ApproveControlMutation, ControlPageQuery, CorrectControlMutation, LastClosedQuarterQuery, SaveControlMutation } from '../api/queries';
import { PlanChanges } from './PlanChanges';
import { addQuarters, parseQuarter, STATUS_FILL } from './quarters';

type Figures = ControlFiguresFieldsFragment;
type Forum = NonNullable<ControlPageData['town']['forum']>;
type Control = Forum['control'];
type Counts = Figures['total'];

const EXECUTION_COLOR: Record<string, string> = { DONE: 'teal', LATE: 'red', DROPPED: 'dark', OPEN: 'blue', DONE_EARLY: 'grape' };

function CountsLine({ counts }: { counts: Counts }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      <Text size="sm">{t('control.dueCount', { count: counts.due })}</Text>
      {(['done', 'late', 'dropped', 'open', 'doneEarly'] as const).map((key) => (
        <Badge key={key} variant="light" color={EXECUTION_COLOR[key === 'doneEarly' ? 'DONE_EARLY' : key.toUpperCase()]}>
          {t(`control.counts.${key}`)}: {counts[key]}
        </Badge>
      ))}
    </Group>
  );
}

/** The approved figure beside the live one, when a correction came after approval. */
function Differs({ live, approved }: { live: number | null | undefined; approved: number | null | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (approved === undefined || live === approved) return null;
  return (
    <Text size="xs" c="red.9">
      {t('control.approvedValue', { value: approved == null ? '—' : format.number(approved) })}
    </Text>
  );
}

function FocusSection({ focus, approved, note, onNote, canEdit }: { focus: Figures['focuses'][number]; approved?: Figures['focuses'][number]; note: string; onNote: (note: string) => void; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const signed = (value: number | null | undefined) => (value == null ? '—' : `${value > 0 ? '+' : ''}${format.number(Math.round(value * 100) / 100)}`);
  return (
    <Card withBorder component="section" aria-label={focus.title} data-control-focus={focus.focusId}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          <Anchor component={Link} to={`/focuses/${focus.focusId}`}>
            {focus.title}
          </Anchor>
        </Title>
        {focus.metrics.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('focuses.noMetrics')}
          </Text>
        ) : (
          <ScrollTable minWidth={640} label={t('control.metricsOf', { title: focus.title })} stackOnPhone>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('metrics.name')}</Table.Th>
                  <Table.Th scope="col">{t('control.value')}</Table.Th>
                  <Table.Th scope="col">{t('control.expected')}</Table.Th>
                  <Table.Th scope="col">{t('metrics.target')}</Table.Th>
                  <Table.Th scope="col">{t('control.status')}</Table.Th>
                  <Table.Th scope="col">{t('control.sincePrevious')}</Table.Th>
                  <Table.Th scope="col">{t('control.sinceBaseline')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {focus.metrics.map((m) => {
                  const before = approved?.metrics.find((a) => a.metricId === m.metricId);
                  return (
                    <Table.Tr key={m.metricId} data-control-metric={m.metricId}>
                      <Table.Td fw={500}>{m.name}</Table.Td>
                      <Table.Td data-label={t('control.value')}>
                        {m.value == null ? (
                          <>
                            <Badge color="gray">{t('control.noValue')}</Badge>
                            {m.recorderName && (
                              <Text size="xs" c="dimmed">
                                {t('control.recordedBy', { name: m.recorderName })}
                              </Text>
                            )}
                          </>
                        ) : (
                          format.number(m.value)
                        )}
                        <Differs live={m.value} approved={before ? before.value : undefined} />
                      </Table.Td>
                      <Table.Td data-label={t('control.expected')}>{m.expected == null ? '—' : format.number(Math.round(m.expected * 100) / 100)}</Table.Td>
                      <Table.Td data-label={t('metrics.target')}>{m.target == null ? '—' : format.number(m.target)}</Table.Td>
                      <Table.Td data-label={t('control.status')} style={{ whiteSpace: 'nowrap' }}>
                        <Badge color={STATUS_FILL[m.status as MetricStatus]} autoContrast data-status={m.status} maw="none" styles={{ label: { overflow: 'visible', textOverflow: 'clip' } }}>
                          {t(`metrics.statuses.${m.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td data-label={t('control.sincePrevious')}>{signed(m.changeSincePrevious)}</Table.Td>
                      <Table.Td data-label={t('control.sinceBaseline')}>{signed(m.changeSinceBaseline)}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        <CountsLine counts={focus.execution} />
        {focus.tasks.length > 0 && (
          <List size="sm" spacing={2}>
            {focus.tasks.map((task) => (
              <List.Item key={task.taskId}>
                <Badge size="sm" variant="light" color={EXECUTION_COLOR[task.execution]}>
                  {t(`control.execution.${task.execution}`)}
                </Badge>{' '}
                {task.title}
                {task.droppedReason ? ` — ${task.droppedReason}` : ''}
              </List.Item>
            ))}
          </List>
        )}
        <Textarea label={t('control.focusNote', { title: focus.title })} autosize minRows={2} value={note} onChange={(e) => onNote(e.currentTarget.value)} readOnly={!canEdit} />
      </Stack>
    </Card>
  );
}

/** Stateful form for one control; mount with `key` so a refetch starts it afresh. `saved` says this
 * version is the one the user just saved here (the notice outlives the refetch the save starts). */
function Conclusions({ forum, quarter, control, canEdit, canApprove, saved: justSaved, onSaved }: { forum: Forum; quarter: string; control: Control; canEdit: boolean; canApprove: boolean; saved: boolean; onSaved: (version: number) => void }) {
  const forumId = forum.id;
  const { t } = useTranslation();
  const format = useFormat();
  const [, save] = useMutation(SaveControlMutation);
  const [, approve] = useMutation(ApproveControlMutation);
  const [, correct] = useMutation(CorrectControlMutation);
  const [correcting, setCorrecting] = useState(false);
  const [reason, setReason] = useState('');
  const { problem, report } = useProblem();
  const [summary, setSummary] = useState(control.summary);
  const [notes, setNotes] = useState<Record<string, string>>(() => Object.fromEntries(control.focusNotes.map((n) => [n.focusId, n.note])));
  const [saved, setSaved] = useState(justSaved);
  // The version the next write is based on: what this form last saved, not what the page last
  // loaded (a reload may still be on its way when the chair approves).
  const [version, setVersion] = useState(control.version);
  const approved = control.status === 'APPROVED';
  const figures = control.live;
  const editable = (canEdit && !approved) || correcting;

  async function submit() {
    const input = { summary, focusNotes: Object.entries(notes).map(([focusId, note]) => ({ focusId, note })) };
    const result = await save({ forumId, quarter, input, version: version || null }, controlChanged);
    const ok = report(result);
    setSaved(ok);
    if (ok && result.data) {
      setVersion(result.data.saveControl.version);
      onSaved(result.data.saveControl.version);
    }
  }
  async function submitCorrection() {
    const input = { summary, focusNotes: Object.entries(notes).map(([focusId, note]) => ({ focusId, note })) };
    report(await correct({ forumId, quarter, input, reason, version }, controlChanged));
  }
  async function approveControl() {
    if (!window.confirm(t('control.approveConfirm'))) return;
    report(await approve({ forumId, quarter, version }, controlChanged));
  }

  return (
    <Stack gap="lg">
      {approved ? (
        <Alert color="teal" icon={<IconCircleCheck aria-hidden />} title={t('control.approvedOn', { date: format.date(control.approvedAt), by: control.approvedBy ?? '' })}>
          {control.number > 1 && <Text size="sm">{t('control.correctionOf', { number: control.number, reason: control.correctionReason ?? '' })}</Text>}
          {t('control.frozen')}
        </Alert>
      ) : (
        <Alert color="yellow" title={control.status === 'DRAFT' ? t('control.draft') : t('control.notStarted')}>
          {t('control.howTo')}
        </Alert>
      )}
      <Card withBorder component="section" aria-labelledby="control-total">
        <Title order={2} size="h3" id="control-total" mb="xs">
          {t('control.planVsExecution')}
        </Title>
        <CountsLine counts={figures.total} />
        {figures.teams.length > 0 && (
          <Table mt="sm">
            <Table.Tbody>
              {figures.teams.map((team) => (
                <Table.Tr key={team.bodyId}>
                  <Table.Th scope="row">{team.name}</Table.Th>
                  <Table.Td>
                    <CountsLine counts={team.execution} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <Stack gap="md">
        {figures.focuses.map((focus) => (
          <FocusSection
            key={focus.focusId}
            focus={focus}
            approved={control.approved?.focuses.find((f) => f.focusId === focus.focusId)}
            note={notes[focus.focusId] ?? ''}
            onNote={(note) => setNotes({ ...notes, [focus.focusId]: note })}
            canEdit={editable}
          />
        ))}
        {figures.focuses.length === 0 && <Text c="dimmed">{t('control.noFocuses')}</Text>}
      </Stack>
      {figures.health.length > 0 && <HealthPanel signals={figures.health} title={t('control.health')} />}
      <Card withBorder component="section" aria-labelledby="control-decisions">
        <Title order={2} size="h3" id="control-decisions" mb="xs">
          {t('control.openDecisions')}
        </Title>
        {figures.openDecisions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('control.noOpenDecisions')}
          </Text>
        ) : (
          <List size="sm">
            {figures.openDecisions.map((d) => (
              <List.Item key={d.decisionId}>
                <Anchor component={Link} to={`/meetings/${d.meetingId}`}>
                  {d.text}
                </Anchor>
                {d.dueOn ? ` · ${format.date(d.dueOn)}` : ''}
              </List.Item>
            ))}
          </List>
        )}
      </Card>
      <Card withBorder component="section" aria-labelledby="control-summary">
        <Stack>
          <Title order={2} size="h3" id="control-summary">
            {t('control.conclusions')}
          </Title>
          <Textarea label={t('control.summary')} description={t('control.summaryHint')} autosize minRows={4} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} readOnly={!editable} />
          {correcting && <Textarea label={t('control.correctionReason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />}
          <FormError message={problem} />
          {saved && !problem && (
            <Text role="status" size="sm" c="teal.9">
              {t('control.saved')}
            </Text>
          )}
          <Group justify="flex-end">
            {canApprove && approved && !correcting && (
              <Button variant="default" onClick={() => setCorrecting(true)}>
                {t('control.correct')}
              </Button>
            )}
            {correcting && <Button onClick={submitCorrection}>{t('control.correctSubmit')}</Button>}
            {editable && !correcting && <Button onClick={submit}>{t('control.save')}</Button>}
            {canApprove && !approved && (control.status === 'DRAFT' || saved) && (
              <Button color="teal" leftSection={<IconCircleCheck size={18} aria-hidden />} onClick={approveControl}>
                {t('control.approve')}
              </Button>
            )}
          </Group>
        </Stack>
      </Card>
      {control.earlierVersions.length > 0 && (
        <Card withBorder component="section" aria-labelledby="control-versions">
          <Title order={2} size="h4" id="control-versions" mb="xs">
            {t('control.earlierVersions')}
          </Title>
          <List size="sm" spacing="xs">
            {control.earlierVersions.map((v) => (
              <List.Item key={v.number}>
                <Text size="sm" fw={600}>
                  {t('control.earlierVersion', { number: v.number, date: format.date(v.approvedAt), by: v.approvedBy ?? '' })}
                </Text>
                {v.correctionReason && <Text size="xs">{t('control.correctionOf', { number: v.number, reason: v.correctionReason })}</Text>}
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {v.summary}
                </Text>
              </List.Item>
            ))}
          </List>
        </Card>
      )}
    </Stack>
  );
}

/** The chair's review of a quarter: metrics against their path, plan against execution, open
 * decisions, conclusions and approval; the previous quarter's control beside it. */
export default function ControlPage() {
  const { townId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const [{ data: first }] = useQuery({ query: LastClosedQuarterQuery });
  const quarter = params.get('quarter') ?? first?.lastClosedQuarter ?? '';
  const [{ data, fetching, error }, refetch] = useQuery({ query: ControlPageQuery, variables: { townId, quarter, previous: addQuarters(quarter, -1) }, pause: !quarter, context: controlLists });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const justSaved = useJustSaved(quarter);
  const town = data?.town;
  const townName = localName(town, i18n.language);
  const label = (text: string) => {
    const q = parseQuarter(text);
    return q ? format.quarter(q.year, q.quarter) : text;
  };
  const title = t('control.pageTitle', { town: townName, quarter: label(quarter) });
  useDocumentTitle(townName && title);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!town?.forum || !data) return fetching || !quarter ? <Loading /> : null;
  const forum = town.forum;
  const control = forum.control;
  const previous = forum.previous;
  const quarters = Array.from({ length: 8 }, (_, i) => addQuarters(data.lastClosedQuarter, -i));

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/towns/${townId}`} size="sm">
        {townName}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Title order={1}>{title}</Title>
        <Group gap="xs">
          <Button variant="light" leftSection={<IconDownload size={18} aria-hidden />} onClick={() => void downloadWithSession(`/export/control/${forum.id}.xlsx?quarter=${quarter}&lang=${i18n.language}`, `control-${quarter}.xlsx`)}>
            {t('control.export.download')}
          </Button>
          <Button variant="light" component={Link} to={`/towns/${townId}/control/print?quarter=${quarter}`} leftSection={<IconPrinter size={18} aria-hidden />}>
            {t('control.export.print')}
          </Button>
          <Button variant="light" component={Link} to={`/towns/${townId}/year?year=${parseQuarter(quarter)?.year ?? ''}`}>
            {t('year.open')}
          </Button>
          <Select aria-label={t('control.quarter')} w={170} allowDeselect={false} data={quarters.map((q) => ({ value: q, label: label(q) }))} value={quarter} onChange={(v) => v && setParams({ quarter: v })} />
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 4 }}>
        <div style={{ gridColumn: 'span 3' }}>
          <Stack gap="lg">
            <Conclusions key={`${quarter}:${control.version}`} forum={forum} quarter={quarter} control={control} canEdit={town.viewerMay.editForum} canApprove={town.viewerMay.approvePlan} saved={justSaved.isJustSaved(control.version)} onSaved={justSaved.markSaved} />
            {/* Outside the keyed form, so a save's refetch does not close an open dialog. */}
            <PlanChanges key={quarter} forum={forum} quarter={quarter} control={control} canEdit={town.viewerMay.editForum} />
          </Stack>
        </div>
        <Card withBorder component="aside" aria-labelledby="previous-control">
          <Stack gap="xs">
            <Title order={2} size="h4" id="previous-control">
              {t('control.previous', { quarter: label(previous.quarter) })}
            </Title>
            <Badge variant="light" color={previous.status === 'APPROVED' ? 'teal' : 'gray'}>
              {t(`control.statuses.${previous.status}`)}
            </Badge>
            {previous.approved && (
              <Text size="sm">
                {t('control.previousCounts', { due: previous.approved.total.due, done: previous.approved.total.done, late: previous.approved.total.late, dropped: previous.approved.total.dropped })}
              </Text>
            )}
            {previous.summary ? <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{previous.summary}</Text> : <Text size="sm" c="dimmed">{t('control.noSummary')}</Text>}
            <Anchor size="sm" component={Link} to={`/towns/${townId}/control?quarter=${previous.quarter}`}>
              {t('control.openPrevious')}
            </Anchor>
          </Stack>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
