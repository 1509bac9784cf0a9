import { Alert, Anchor, Button, Card, Checkbox, Grid, Group, List, Menu, MultiSelect, SegmentedControl, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';

import { DateField } from '@/components/DateField';
import { FormError } from '@/components/FormError';
import { ErrorState, Loading } from '@/components/PageState';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useFormat } from '@/hooks/useFormat';
import { useProblem } from '@/hooks/useProblem';
import { downloadWithSession } from '@/lib/download';
import { toFailure } from '@/lib/errors';
import { localName, SECTORS } from '@/lib/names';

import { stakeholderChanged, stakeholderPlaced } from '../api/changes';
import { MoveStakeholderMutation, StakeholderMapPageQuery, StakeholdersQuery, UnplacedQuery } from '../api/queries';
import { downloadPng, downloadSvg } from './exportPicture';
import { type Arrow, QuadrantMap, type QuadrantMapHandle } from './QuadrantMap';
import { type Position, quadrantChanges } from './quadrants';
import { PlaceDialog } from './StakeholderDialogs';
import { StakeholderPanel } from './StakeholderPanel';
import { StakeholderTable } from './StakeholderTable';

const QUADRANTS = ['A', 'B', 'C', 'D'] as const;

/** The forum's stakeholder map (domain §9): who matters, where they stand, and what to do about each. */
export default function StakeholderMapPage() {
  const { townId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [{ data, fetching, error }, refetchPage] = useQuery({ query: StakeholderMapPageQuery, variables: { townId } });
  const forumId = data?.town.forum?.id ?? '';
  // The view is in the address, so the table can be linked to and comes back with "back".
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'table' ? 'table' : 'map';
  const setView = (next: 'map' | 'table') =>
    setParams((current) => {
      const updated = new URLSearchParams(current);
      if (next === 'table') updated.set('view', 'table');
      else updated.delete('view');
      return updated;
    });
  const [asOf, setAsOf] = useState('');
  const [compare, setCompare] = useState(false);
  const [compareFrom, setCompareFrom] = useState('');
  const [trajectories, setTrajectories] = useState(false);
  const [sectors, setSectors] = useState<string[]>([]);
  const [quadrant, setQuadrant] = useState<string | null>(null);
  const [membership, setMembership] = useState('any');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [placing, setPlacing] = useState<{ organisationId?: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { problem, report } = useProblem();
  const mapRef = useRef<QuadrantMapHandle>(null);
  const [{ data: map }] = useQuery({ query: StakeholdersQuery, variables: { forumId, asOf: asOf || null }, pause: !forumId, context: stakeholderChanged });
  const [{ data: earlier }] = useQuery({ query: StakeholdersQuery, variables: { forumId, asOf: compareFrom || null }, pause: !forumId || !compare || !compareFrom });
  const [{ data: unplaced }] = useQuery({ query: UnplacedQuery, variables: { forumId, townId }, pause: !forumId, context: stakeholderPlaced });
  const [, move] = useMutation(MoveStakeholderMutation);
  const town = data?.town;
  const townName = localName(town, i18n.language);
  const title = t('stakeholders.pageTitle', { town: townName });
  useDocumentTitle(townName && title);
  const today = new Date().toISOString().slice(0, 10);

  const all = useMemo(() => map?.stakeholders ?? [], [map]);
  const shown = useMemo(
    () =>
      all.filter(
        (s) =>
          (sectors.length === 0 || (s.sector && sectors.includes(s.sector))) &&
          (!quadrant || s.quadrant === quadrant) &&
          (membership === 'any' || (membership === 'in') === s.inForum),
      ),
    [all, sectors, quadrant, membership],
  );
  const points = useMemo(() => shown.map((s) => ({ ...s, moves: s.moves })), [shown]);
  const changes = useMemo(() => (compare && earlier ? quadrantChanges(earlier.stakeholders, shown) : []), [compare, earlier, shown]);
  const arrows: Arrow[] = useMemo(() => {
    if (!compare || !earlier) return [];
    const before = new Map(earlier.stakeholders.map((s) => [s.id, s]));
    return shown.flatMap((s) => {
      const then = before.get(s.id);
      return then && (then.influence !== s.influence || then.interest !== s.interest) ? [{ id: s.id, from: then, to: s }] : [];
    });
  }, [compare, earlier, shown]);

  const onMove = useCallback(
    async (id: string, to: Position) => {
      const current = all.find((s) => s.id === id);
      if (!current) return;
      setNotice(null);
      const result = await move({ id, version: current.version, influence: to.influence, interest: to.interest, reason: null }, stakeholderChanged);
      if (toFailure(result.error)?.code === 'CONFLICT') {
        setNotice(t('stakeholders.conflictMoved', { name: current.name }));
        report({ error: null });
      } else {
        report(result);
      }
    },
    [all, move, report, t],
  );

  if (error) return <ErrorState error={error} onRetry={() => refetchPage({ requestPolicy: 'network-only' })} />;
  if (!town?.forum || !data) return fetching ? <Loading /> : null;
  const scale = data.stakeholderScale;
  const canEdit = town.viewerMay.editForum && !asOf;
  const selected = all.find((s) => s.id === selectedId) ?? null;
  const bodies = town.forum.bodies.map((b) => ({ id: b.id, name: b.name }));
  const people = [...new Map(town.forum.bodies.flatMap((b) => b.members.map((m) => [m.person.id, m.person] as const))).values()];
  const caption = t('stakeholders.exportTitle', { town: townName, date: format.date(asOf || today) });
  const mappedSectors = new Set(all.map((s) => s.sector).filter(Boolean));
  const missingSectors = SECTORS.filter((s) => !mappedSectors.has(s));
  const fileName = `stakeholders-${townName}-${asOf || today}`;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/towns/${townId}`} size="sm">
        {townName}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{title}</Title>
          <Text c="dimmed">{t('stakeholders.intro')}</Text>
        </Stack>
        <Group>
          <Button component={Link} to={`/towns/${townId}/mapping`} variant="light">
            {t('mapping.open')}
          </Button>
          <Menu>
            <Menu.Target>
              <Button variant="light" leftSection={<IconDownload size={18} aria-hidden />}>
                {t('stakeholders.export')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => downloadSvg(mapRef.current?.svg() ?? null, `${fileName}.svg`)} disabled={view !== 'map'}>
                {t('stakeholders.exportSvg')}
              </Menu.Item>
              <Menu.Item onClick={() => void downloadPng(mapRef.current?.svg() ?? null, `${fileName}.png`)} disabled={view !== 'map'}>
                {t('stakeholders.exportPng')}
              </Menu.Item>
              <Menu.Item onClick={() => void downloadWithSession(`/export/stakeholders/${town.forum?.id}.xlsx?lang=${i18n.language}${asOf ? `&asOf=${asOf}` : ''}`, `${fileName}.xlsx`)}>
                {t('stakeholders.exportXlsx')}
              </Menu.Item>
              <Menu.Item onClick={() => void downloadWithSession(`/export/stakeholders/${town.forum?.id}.csv?lang=${i18n.language}${asOf ? `&asOf=${asOf}` : ''}`, `${fileName}.csv`)}>
                {t('stakeholders.exportCsv')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
          {town.viewerMay.editForum && (
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setPlacing({})}>
              {t('stakeholders.place')}
            </Button>
          )}
        </Group>
      </Group>

      <Card withBorder component="section" aria-label={t('stakeholders.filters')}>
        <Group align="flex-end" wrap="wrap">
          <SegmentedControl
            aria-label={t('stakeholders.views.map')}
            value={view}
            onChange={(v) => setView(v as 'map' | 'table')}
            data={[
              { value: 'map', label: t('stakeholders.views.map') },
              { value: 'table', label: t('stakeholders.views.table') },
            ]}
          />
          <MultiSelect label={t('directory.sector')} placeholder={sectors.length ? undefined : t('stakeholders.allSectors')} data={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))} value={sectors} onChange={setSectors} clearable w={220} />
          <Select label={t('stakeholders.columns.quadrant')} placeholder={t('stakeholders.allQuadrants')} clearable data={QUADRANTS.map((q) => ({ value: q, label: t(`stakeholders.quadrants.${q}.name`) }))} value={quadrant} onChange={setQuadrant} w={160} />
          <Select
            label={t('stakeholders.membership')}
            allowDeselect={false}
            data={[
              { value: 'any', label: t('stakeholders.any') },
              { value: 'in', label: t('stakeholders.inForum') },
              { value: 'out', label: t('stakeholders.notInForum') },
            ]}
            value={membership}
            onChange={(v) => setMembership(v ?? 'any')}
            w={180}
          />
          <DateField label={compare ? t('stakeholders.compareTo') : t('stakeholders.asOf')} description={t('stakeholders.asOfHint')} max={today} value={asOf} onChange={setAsOf} w={170} />
          {compare && <DateField label={t('stakeholders.compareFrom')} max={asOf || today} value={compareFrom} onChange={setCompareFrom} w={170} />}
          <Stack gap={6}>
            <Switch label={t('stakeholders.compare')} checked={compare} onChange={(e) => setCompare(e.currentTarget.checked)} />
            <Checkbox label={t('stakeholders.trajectory')} checked={trajectories} onChange={(e) => setTrajectories(e.currentTarget.checked)} />
          </Stack>
        </Group>
      </Card>

      {notice && (
        <Alert color="yellow" role="alert">
          {notice}
        </Alert>
      )}
      <FormError message={problem} />
      {compare && compareFrom && (
        <Card withBorder data-testid="compare-summary">
          <Text fw={600}>{t('stakeholders.compareSummary', { count: changes.length })}</Text>
          <List size="sm">
            {changes.map((c) => (
              <List.Item key={c.stakeholder.id}>
                {t('stakeholders.moved', { name: c.stakeholder.name, from: t(`stakeholders.quadrants.${c.from}.name`), to: t(`stakeholders.quadrants.${c.to}.name`) })}
              </List.Item>
            ))}
          </List>
        </Card>
      )}

      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t('stakeholders.count', { count: shown.length })}
            </Text>
            {all.length === 0 && !asOf ? (
              <Text>{t('stakeholders.empty')}</Text>
            ) : view === 'map' ? (
              <QuadrantMap ref={mapRef} scale={scale} points={points} selectedId={selectedId} canEdit={canEdit} showTrajectories={trajectories} arrows={arrows} caption={caption} onSelect={setSelectedId} onMove={onMove} />
            ) : (
              <StakeholderTable rows={shown} selectedId={selectedId} onSelect={setSelectedId} />
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            {selected ? (
              <StakeholderPanel key={`${selected.id}-${selected.version}`} stakeholder={selected} townId={townId} forumId={town.forum.id} bodies={bodies} people={people} canEdit={canEdit} today={today} />
            ) : (
              <Text c="dimmed">{t('stakeholders.selectHint')}</Text>
            )}
            <Card withBorder component="section" aria-labelledby="unplaced-title">
              <Stack gap="xs">
                <Title order={2} size="h4" id="unplaced-title">
                  {t('stakeholders.unplaced')}
                </Title>
                {(unplaced?.unplacedOrganisations.length ?? 0) === 0 ? (
                  <Text size="sm">{t('stakeholders.unplacedNone')}</Text>
                ) : (
                  <List size="sm" spacing={4}>
                    {unplaced?.unplacedOrganisations.map((o) => (
                      <List.Item key={o.id}>
                        <Group gap="xs">
                          <bdi>{o.name}</bdi>
                          <Text span size="xs" c="dimmed">
                            {t(`sectors.${o.sector}`)}
                          </Text>
                          {town.viewerMay.editForum && (
                            <Button size="compact-xs" variant="light" onClick={() => setPlacing({ organisationId: o.id })} aria-label={`${t('stakeholders.placeThis')}: ${o.name}`}>
                              {t('stakeholders.placeThis')}
                            </Button>
                          )}
                        </Group>
                      </List.Item>
                    ))}
                  </List>
                )}
                {missingSectors.length > 0 && (
                  <>
                    <Title order={3} size="h5">
                      {t('stakeholders.hintsTitle')}
                    </Title>
                    <Text size="xs">{t('stakeholders.hintsIntro')}</Text>
                    <List size="sm" spacing={2}>
                      {missingSectors.map((s) => (
                        <List.Item key={s}>
                          <b>{t(`sectors.${s}`)}</b>: {t(`stakeholders.hints.${s}`)}
                        </List.Item>
                      ))}
                    </List>
                  </>
                )}
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
      {placing && (
        <PlaceDialog
          townId={townId}
          forumId={town.forum.id}
          scale={scale}
          organisationId={placing.organisationId}
          onClose={() => setPlacing(null)}
        />
      )}
    </Stack>
  );
}
