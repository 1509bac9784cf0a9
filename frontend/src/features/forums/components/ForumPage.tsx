import { Alert, Anchor, Button, Group, Stack, Tabs, Title } from '@mantine/core';
import { IconStairsUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';

import { HealthPanel } from '@/components/HealthPanel';
import { ErrorState, Loading } from '@/components/PageState';
import { localName } from '@/lib/names';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';

import { forumLists } from '../api/changes';
import { ForumPageQuery } from '../api/queries';
import { BodiesSection } from './BodiesSection';
import { MilestonesSection } from './MilestonesSection';
import { StageMoveDialog } from './StageMoveDialog';
import { Timeline } from './Timeline';

/** The forum page: health panel, bodies and members, the stages' checklists and the timeline. */
export default function ForumPage() {
  const { townId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'bodies';
  const [includePast, setIncludePast] = useState(false);
  const [moving, setMoving] = useState(false);
  const [moved, setMoved] = useState(false);
  const [{ data, fetching, error }, refetch] = useQuery({ query: ForumPageQuery, variables: { townId, includePast }, context: forumLists });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const town = data?.town;
  const townName = localName(town, i18n.language);
  const title = t('forum.title', { town: townName });

  useDocumentTitle(townName && title);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!town?.forum) return fetching ? <Loading /> : null;
  const forum = town.forum;
  const canEdit = town.viewerMay.editForum;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/towns/${townId}`} size="sm">
        {townName}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Title order={1}>{title}</Title>
        {town.viewerMay.changeStage && (
          <Button variant="light" leftSection={<IconStairsUp size={18} aria-hidden />} onClick={() => setMoving(true)}>
            {t('stageMove.button')}
          </Button>
        )}
      </Group>
      {moved && (
        <Alert color="teal" role="status" withCloseButton onClose={() => setMoved(false)} closeButtonLabel={t('forum.cancel')}>
          {t('stageMove.moved', { stage: t(`stages.${forum.stage}`) })}
        </Alert>
      )}
      {forum.dueMetrics.length > 0 && (
        <Alert color="yellow" title={t('forum.dueMetrics', { count: forum.dueMetrics.length })}>
          <Anchor component={Link} to={`/towns/${townId}/focuses`}>
            {forum.dueMetrics.map((m) => m.name).join(' · ')}
          </Anchor>
        </Alert>
      )}
      <HealthPanel signals={forum.health} />
      <Tabs value={tab} onChange={(value) => setParams(value && value !== 'bodies' ? { tab: value } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="bodies">{t('forum.bodiesTab')}</Tabs.Tab>
          <Tabs.Tab value="stages">{t('forum.stagesTab')}</Tabs.Tab>
          <Tabs.Tab value="timeline">{t('forum.timelineTab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="bodies">
          <BodiesSection townId={townId} forum={forum} canEdit={canEdit} includePast={includePast} onIncludePast={setIncludePast} />
        </Tabs.Panel>
        <Tabs.Panel value="stages">
          <MilestonesSection townId={townId} forum={forum} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline">
          <Timeline changes={forum.stageChanges} />
        </Tabs.Panel>
      </Tabs>
      {moving && (
        <StageMoveDialog
          forum={forum}
          onClose={(done) => {
            setMoving(false);
            if (done) setMoved(true);
          }}
        />
      )}
    </Stack>
  );
}
