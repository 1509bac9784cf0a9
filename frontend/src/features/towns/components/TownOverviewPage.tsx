import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Stepper, Text, Title } from '@mantine/core';
import { IconAddressBook, IconCalendarEvent, IconChecklist, IconListCheck, IconCalendarStats, IconChartDots, IconReportAnalytics, IconTarget, IconUsersGroup, IconChartDots3, IconClipboardList, IconBuildingFactory2, IconBarrierBlock, IconSpeakerphone } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';

import { MembersTable } from '@/components/MembersTable';
import { EmptyState, ErrorState, Loading } from '@/components/PageState';
import { useFormat } from '@/hooks/useFormat';
import { localName, SECTORS } from '@/lib/names';

import { TownOverviewQuery } from '../api/queries';
import { StageBadge } from './StageBadge';
import { TownIndicatorsCard } from './TownIndicatorsCard';

const STAGES = ['KICK_OFF', 'MAPPING_AND_PLANNING', 'IMPLEMENTATION'] as const;

/** A town at a glance: its forum's stage, the labour office, and every body with its members. */
export default function TownOverviewPage() {
  const { townId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [{ data, fetching, error }, refetch] = useQuery({ query: TownOverviewQuery, variables: { id: townId } });
  const town = data?.town;
  const name = localName(town, i18n.language);

  useEffect(() => {
    if (name) document.title = `${name} · WORKIT Hub`;
  }, [name]);

  if (error) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!town) return fetching ? <Loading /> : null;

  const forumBody = town.forum?.bodies.find((b) => b.kind === 'FORUM');
  const represented = new Set(forumBody?.members.map((m) => m.person.organisation?.sector).filter(Boolean));
  const missing = SECTORS.filter((s) => !represented.has(s)).map((s) => t(`sectors.${s}`));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={1}>{name}</Title>
          <Text c="dimmed">
            {[localName(town.region, i18n.language), town.population != null && t('town.residents', { residents: format.number(town.population) }), town.socioEconomicCluster != null && t('town.cluster', { cluster: town.socioEconomicCluster })]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button component={Link} to={`/towns/${town.id}/forum`} leftSection={<IconUsersGroup size={18} aria-hidden />}>
            {t('forum.open')}
          </Button>
          <Button component={Link} to={`/towns/${town.id}/meetings`} variant="light" leftSection={<IconCalendarEvent size={18} aria-hidden />}>
            {t('meetings.nav')}
          </Button>
          <Button component={Link} to={`/towns/${town.id}/focuses`} variant="light" leftSection={<IconTarget size={18} aria-hidden />}>
            {t('focuses.open')}
          </Button>
          <Button component={Link} to={`/towns/${town.id}/plan`} variant="light" leftSection={<IconListCheck size={18} aria-hidden />}>
            {t('plan.open')}
          </Button>
          <Button component={Link} to={`/towns/${town.id}/control`} variant="light" leftSection={<IconReportAnalytics size={18} aria-hidden />}>
            {t('control.open')}
          </Button>
          <Button component={Link} to={`/towns/${town.id}/year`} variant="light" leftSection={<IconCalendarStats size={18} aria-hidden />}>
            {t('year.open')}
          </Button>
          <Button component={Link} to={`/regions/${town.region.id}/compare`} variant="light" leftSection={<IconChartDots size={18} aria-hidden />}>
            {t('compare.againstRegion')}
          </Button>
          <Button component={Link} to={`/towns/${town.id}/stakeholders`} variant="light" leftSection={<IconChartDots3 size={18} aria-hidden />}>
            {t('stakeholders.open')}
          </Button>
          <Button component={Link} to={`/towns/${town.id}/mapping`} variant="light" leftSection={<IconClipboardList size={18} aria-hidden />}>
            {t('mapping.nav')}
          </Button>
          <Button component={Link} to={`/towns/${town.id}/employers`} variant="light" leftSection={<IconBuildingFactory2 size={18} aria-hidden />}>
            {t('surveys.nav')}
          </Button>
          <Button component={Link} to={`/towns/${town.id}/barriers`} variant="light" leftSection={<IconBarrierBlock size={18} aria-hidden />}>
            {t('barriers.nav')}
          </Button>
          <Button component={Link} to={`/towns/${town.id}/participation`} variant="light" leftSection={<IconSpeakerphone size={18} aria-hidden />}>
            {t('participation.nav')}
          </Button>
          <Button component={Link} to={`/towns/${town.id}/decisions`} variant="light" leftSection={<IconChecklist size={18} aria-hidden />}>
            {t('decisions.nav')}
          </Button>
          <Button component={Link} to={`/towns/${town.id}/directory`} variant="light" leftSection={<IconAddressBook size={18} aria-hidden />}>
            {t('nav.directory')}
          </Button>
        </Group>
      </Group>

      {town.forum && (
        <Card withBorder>
          <Stack>
            <Group justify="space-between">
              <Title order={2} size="h3">
                {t('town.forum')}
              </Title>
              <StageBadge stage={town.forum.stage} />
            </Group>
            <Stepper active={town.forum.stageNumber - 1} size="sm" allowNextStepsSelect={false} aria-label={t('towns.stage')}>
              {STAGES.map((stage) => (
                <Stepper.Step key={stage} label={t(`stages.${stage}`)} />
              ))}
            </Stepper>
            {forumBody && (
              <Alert color={missing.length ? 'yellow' : 'teal'} variant="light">
                {missing.length ? t('town.sectorsMissing', { sectors: format.list(missing) }) : t('town.allSectors')}
              </Alert>
            )}
          </Stack>
        </Card>
      )}

      <TownIndicatorsCard townId={town.id} indicators={town.indicators} />

      {town.labourOffice && (
        <Card withBorder>
          <Title order={2} size="h3">
            {t('town.labourOffice')}
          </Title>
          <Text>{town.labourOffice.name}</Text>
          {town.labourOffice.address && <Text size="sm" c="dimmed">{town.labourOffice.address}</Text>}
          {town.labourOffice.manager && (
            <Text size="sm">
              {t('town.manager')}: {town.labourOffice.manager.fullName}
              {town.labourOffice.manager.email && (
                <>
                  {' · '}
                  <Anchor href={`mailto:${town.labourOffice.manager.email}`} dir="ltr">
                    {town.labourOffice.manager.email}
                  </Anchor>
                </>
              )}
            </Text>
          )}
        </Card>
      )}

      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('town.bodies')}
        </Title>
        {!town.forum?.bodies.length && <EmptyState message={t('town.noBodies')} />}
        <SimpleGrid cols={{ base: 1, xl: 2 }}>
          {town.forum?.bodies.map((body) => (
            <Card withBorder key={body.id} component="section" aria-labelledby={`body-${body.id}`}>
              <Stack gap="xs">
                <Group justify="space-between">
                  <Title order={3} size="h4" id={`body-${body.id}`}>
                    {body.name}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {t(`bodyKinds.${body.kind}`)} · {t('town.members', { count: body.members.length })}
                  </Text>
                </Group>
                <MembersTable members={body.members} label={body.name} />
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>
    </Stack>
  );
}
