import { Anchor, Badge, Button, Card, CopyButton, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';

import { ScrollTable } from '@/components/ScrollTable';
import { SortableTh, useSort } from '@/components/SortableTh';
import type { SurveyRoundQuery as SurveyRoundData } from '@/gql/graphql';
import { FormError } from '@/components/FormError';
import { ErrorState, Loading } from '@/components/PageState';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useFormat } from '@/hooks/useFormat';
import { useProblem } from '@/hooks/useProblem';
import { downloadWithSession } from '@/lib/download';
import { localName } from '@/lib/names';

import { employerPlaced, responseRecorded, roundChanged } from '../api/changes';
import { CreateRoundMutation, MapOrganisationsQuery, PlaceEmployerMutation, RecordResponseMutation, RevokeRoundMutation, SurveyRoundQuery, SurveysPageQuery } from '../api/queries';
import { SurveyForm } from './SurveyForm';
import { SurveyResults } from './SurveyResults';

/** A town's employer survey: rounds and their public links, results, the contact work list, and the answers. */
type Response = SurveyRoundData['surveyRound']['responses'][number];
const HORIZONS = ['ONE_TO_TWO_MONTHS', 'THREE_TO_SIX_MONTHS', 'HALF_YEAR_OR_MORE', 'NONE'];
const positionsOf = (r: Response) => r.answers.openPositions.reduce((sum, p) => sum + p.count, 0);

export default function SurveysPage() {
  const { townId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [{ data, error }, refetch] = useQuery({ query: SurveysPageQuery, variables: { townId }, context: roundChanged });
  const [roundId, setRoundId] = useState<string | null>(null);
  const rounds = data?.surveyRounds ?? [];
  const current = rounds.find((r) => r.id === roundId) ?? rounds[0];
  const [{ data: round }] = useQuery({ query: SurveyRoundQuery, variables: { id: current?.id ?? '' }, pause: !current, context: responseRecorded });
  const forumId = data?.town.forum?.id ?? '';
  const [{ data: unplaced }] = useQuery({ query: MapOrganisationsQuery, variables: { forumId }, pause: !forumId, context: employerPlaced });
  const [, createRound] = useMutation(CreateRoundMutation);
  const [, revoke] = useMutation(RevokeRoundMutation);
  const [, record] = useMutation(RecordResponseMutation);
  const [, place] = useMutation(PlaceEmployerMutation);
  const { problem, report } = useProblem();
  const [newTitle, setNewTitle] = useState<string | null>(null);
  const [filling, setFilling] = useState(false);
  const town = data?.town;
  const townName = localName(town, i18n.language);
  const title = t('surveys.pageTitle', { town: townName });
  useDocumentTitle(townName && title);
  // Both lists by company; the most open positions first is two clicks away.
  const answersSort = useSort<'company' | 'openPositions' | 'hiringHorizon' | 'inDirectory', Response>(
    'company',
    (r, column) => ({ company: r.company, openPositions: positionsOf(r), hiringHorizon: r.answers.hiringHorizon ? HORIZONS.indexOf(r.answers.hiringHorizon) : null, inDirectory: r.organisation ? 0 : 1 })[column],
    i18n.language,
  );
  const workListSort = useSort<'company' | 'contactName' | 'openPositions', Response>(
    'company',
    (r, column) => ({ company: r.company, contactName: r.answers.contactName, openPositions: positionsOf(r) })[column],
    i18n.language,
  );
  const answerLabels = { company: t('surveys.columns.company'), openPositions: t('surveys.columns.openPositions'), hiringHorizon: t('surveys.columns.hiringHorizon'), inDirectory: t('surveys.inDirectory') };
  const workListLabels = { company: answerLabels.company, contactName: t('surveys.columns.contactName'), openPositions: answerLabels.openPositions };
  if (error) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!town || !data) return <Loading />;
  const canEdit = town.viewerMay.editForum;
  const link = current?.token ? `${window.location.origin}/survey/${current.token}` : null;
  const responses = round?.surveyRound.responses ?? [];
  const workList = responses.filter((r) => r.answers.wantsContact);
  const unplacedIds = new Set((unplaced?.unplacedOrganisations ?? []).map((o) => o.id));

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/towns/${townId}`} size="sm">
        {townName}
      </Anchor>
      <Stack gap={4}>
        <Title order={1}>{title}</Title>
        <Text c="dimmed">{t('surveys.intro')}</Text>
      </Stack>
      <Card withBorder component="section" aria-labelledby="rounds-title">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h3" id="rounds-title">
              {t('surveys.rounds')}
            </Title>
            {canEdit && (
              <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setNewTitle('')}>
                {t('surveys.newRound')}
              </Button>
            )}
          </Group>
          {rounds.length === 0 ? (
            <Text>{t('surveys.noRounds')}</Text>
          ) : (
            <>
              <Select
                label={t('surveys.rounds')}
                allowDeselect={false}
                value={current?.id ?? null}
                onChange={setRoundId}
                data={rounds.map((r) => ({ value: r.id, label: `${r.title} · ${format.date(r.createdAt)} · ${t('surveys.responses', { count: r.responseCount })}` }))}
                maw={520}
              />
              {current && link && (
                <Group gap="xs" wrap="wrap">
                  <Text size="sm" fw={600}>
                    {t('surveys.link')}:
                  </Text>
                  <Text size="sm" dir="ltr" style={{ wordBreak: 'break-all' }} data-testid="survey-link">
                    {link}
                  </Text>
                  {current.revoked && <Badge color="red.9">{t('surveys.revoked')}</Badge>}
                  <CopyButton value={link}>{({ copied, copy }) => <Button size="xs" variant="light" onClick={copy}>{copied ? t('surveys.copied') : t('surveys.copyLink')}</Button>}</CopyButton>
                  {canEdit && (
                    <Button size="xs" variant="outline" color={current.revoked ? 'teal.9' : 'red.9'} onClick={async () => report(await revoke({ id: current.id, version: current.version, revoked: !current.revoked }, roundChanged))}>
                      {current.revoked ? t('surveys.restore') : t('surveys.revoke')}
                    </Button>
                  )}
                </Group>
              )}
              <Group>
                {canEdit && current && (
                  <Button variant="light" onClick={() => setFilling(true)}>
                    {t('surveys.fillIn')}
                  </Button>
                )}
                {current?.token && (
                  <Button variant="light" leftSection={<IconDownload size={18} aria-hidden />} onClick={() => void downloadWithSession(`/export/survey/${current.id}.xlsx?lang=${i18n.language}`, `employer-survey-${townName}.xlsx`)}>
                    {t('surveys.export')}
                  </Button>
                )}
              </Group>
            </>
          )}
          <FormError message={problem} />
        </Stack>
      </Card>

      {round && (
        <Card withBorder component="section" aria-labelledby="results-title">
          <Title order={2} size="h3" id="results-title" mb="sm">
            {t('surveys.results')}
          </Title>
          <SurveyResults summary={round.surveyRound.summary} />
        </Card>
      )}

      {round && (
        <Card withBorder component="section" aria-labelledby="worklist-title">
          <Title order={2} size="h3" id="worklist-title" mb="sm">
            {t('surveys.workList')}
          </Title>
          {workList.length === 0 ? (
            <Text size="sm">{t('surveys.workListEmpty')}</Text>
          ) : (
            <ScrollTable minWidth={560} label={t('surveys.workList')} stackOnPhone phoneSort={{ labels: workListLabels, sort: workListSort.sort, onSort: workListSort.toggle }}>
              <Table striped data-testid="survey-worklist">
                <Table.Thead>
                  <Table.Tr>
                    <SortableTh column="company" label={workListLabels.company} sort={workListSort.sort} onSort={workListSort.toggle} />
                    <SortableTh column="contactName" label={workListLabels.contactName} sort={workListSort.sort} onSort={workListSort.toggle} />
                    <Table.Th scope="col">{t('surveys.columns.contactPhone')}</Table.Th>
                    <Table.Th scope="col">{t('surveys.columns.contactEmail')}</Table.Th>
                    <SortableTh column="openPositions" label={workListLabels.openPositions} sort={workListSort.sort} onSort={workListSort.toggle} />
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {workListSort.sorted(workList).map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td fw={500}>
                        <bdi>{r.company}</bdi>
                      </Table.Td>
                      <Table.Td data-label={workListLabels.contactName}>
                        <bdi>{r.answers.contactName}</bdi>
                      </Table.Td>
                      <Table.Td data-label={t('surveys.columns.contactPhone')}>
                        <bdi dir="ltr">{r.answers.contactPhone}</bdi>
                      </Table.Td>
                      <Table.Td data-label={t('surveys.columns.contactEmail')}>
                        <bdi dir="ltr">{r.answers.contactEmail}</bdi>
                      </Table.Td>
                      <Table.Td data-label={workListLabels.openPositions}>{format.number(positionsOf(r))}</Table.Td>
                      <Table.Td>
                        {r.organisation && forumId && canEdit && unplacedIds.has(r.organisation.id) ? (
                          <Button size="compact-xs" variant="light" aria-label={`${t('surveys.placeOnMap')}: ${r.company}`} onClick={async () => report(await place({ forumId, organisationId: r.organisation?.id ?? '' }, employerPlaced))}>
                            {t('surveys.placeOnMap')}
                          </Button>
                        ) : r.organisation && !unplacedIds.has(r.organisation.id) ? (
                          <Badge variant="outline" color="teal.9">
                            {t('surveys.placedOnMap')}
                          </Badge>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
        </Card>
      )}

      {round && responses.length > 0 && (
        <Card withBorder component="section" aria-labelledby="answers-title">
          <Title order={2} size="h3" id="answers-title" mb="sm">
            {t('surveys.answersTable')}
          </Title>
          <ScrollTable minWidth={480} label={t('surveys.answersTable')} stackOnPhone phoneSort={{ labels: answerLabels, sort: answersSort.sort, onSort: answersSort.toggle }}>
            <Table striped data-testid="survey-answers">
              <Table.Thead>
                <Table.Tr>
                  {(Object.keys(answerLabels) as (keyof typeof answerLabels)[]).map((column) => (
                    <SortableTh key={column} column={column} label={answerLabels[column]} sort={answersSort.sort} onSort={answersSort.toggle} />
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {answersSort.sorted(responses).map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td fw={500}>
                      <bdi>{r.company}</bdi>
                    </Table.Td>
                    <Table.Td data-label={answerLabels.openPositions}>{format.number(positionsOf(r))}</Table.Td>
                    <Table.Td data-label={answerLabels.hiringHorizon}>{r.answers.hiringHorizon ? t(`surveys.horizons.${r.answers.hiringHorizon}`) : ''}</Table.Td>
                    <Table.Td data-label={answerLabels.inDirectory}>{r.organisation ? <Anchor component={Link} to={`/towns/${townId}/directory`}>{t('surveys.yes')}</Anchor> : t('surveys.no')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </Card>
      )}

      {newTitle !== null && (
        <Modal opened onClose={() => setNewTitle(null)} title={t('surveys.newRound')} closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              const result = await createRound({ townId, title: newTitle }, roundChanged);
              if (report(result)) {
                setNewTitle(null);
                setRoundId(result.data?.createSurveyRound.id ?? null);
              }
            }}
          >
            <Stack>
              <TextInput label={t('surveys.roundTitle')} placeholder={t('surveys.roundTitlePlaceholder')} required value={newTitle} onChange={(e) => setNewTitle(e.currentTarget.value)} />
              <FormError message={problem} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setNewTitle(null)}>
                  {t('forum.cancel')}
                </Button>
                <Button type="submit">{t('forum.save')}</Button>
              </Group>
            </Stack>
          </form>
        </Modal>
      )}
      {filling && current && (
        <Modal opened onClose={() => setFilling(false)} title={t('surveys.fillIn')} size="xl" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
          <SurveyForm
            towns={data.surveyTowns}
            townId={townId}
            submitLabel={t('surveys.save')}
            onSubmit={async (input) => {
              const result = await record({ roundId: current.id, input }, responseRecorded);
              const ok = !result.error && !!result.data;
              if (ok) setFilling(false);
              return { error: result.error, ok };
            }}
          />
        </Modal>
      )}
    </Stack>
  );
}
