import { Text, Timeline as MantineTimeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { EmptyState } from '@/components/PageState';
import type { ForumPageQuery } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';

type Change = NonNullable<ForumPageQuery['town']['forum']>['stageChanges'][number];

/** Stage moves, newest first: who moved the forum, when, and why. */
export function Timeline({ changes }: { changes: Change[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (changes.length === 0) return <EmptyState message={t('timeline.empty')} />;
  return (
    <MantineTimeline active={0} bulletSize={16} lineWidth={2} mt="md">
      {changes.map((change) => (
        <MantineTimeline.Item key={change.id} title={t('timeline.entry', { from: t(`stages.${change.fromStage}`), to: t(`stages.${change.toStage}`) })}>
          <Text size="sm" c="dimmed">
            {t('timeline.by', { name: change.changedBy ?? '—', date: format.date(change.changedAt) })}
          </Text>
          {change.reason && <Text size="sm">{change.reason}</Text>}
        </MantineTimeline.Item>
      ))}
    </MantineTimeline>
  );
}
