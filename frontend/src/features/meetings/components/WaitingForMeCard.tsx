import { Anchor, Card, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';

import { useFormat } from '@/hooks/useFormat';

import type { Stage } from '@/gql/graphql';

import { MyAgendaQuery } from '../api/queries';

const stageNumber: Record<Stage, number> = { KICK_OFF: 1, MAPPING_AND_PLANNING: 2, IMPLEMENTATION: 3 };

/**
 * What waits for a chair: circulated minutes and quarterly controls to approve, and forums whose
 * stage has every milestone done, to move on.
 */
export function WaitingForMeCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const [{ data }] = useQuery({ query: MyAgendaQuery, requestPolicy: 'cache-and-network' });
  const minutes = data?.myAgenda.minutesToApprove ?? [];
  const controls = data?.myAgenda.controlsToApprove ?? [];
  const stageMoves = data?.myAgenda.stageMovesToConfirm ?? [];
  if (minutes.length + controls.length + stageMoves.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="waiting-title" data-testid="waiting-for-me" style={{ borderColor: 'var(--mantine-color-orange-7)' }}>
      <Stack gap="xs">
        <Title order={2} size="h3" id="waiting-title">
          {t('myAgenda.waiting')}
        </Title>
        <Text size="sm">{t('myAgenda.waitingIntro')}</Text>
        <List size="sm" spacing={4}>
          {minutes.map((m) => (
            <List.Item key={m.id}>
              {t('myAgenda.minutesToApprove')}:{' '}
              <Anchor component={Link} to={`/meetings/${m.id}`}>
                <bdi>{m.title}</bdi>
              </Anchor>{' '}
              · <bdi>{m.body.name}</bdi> · {format.date(m.startsAt)}
            </List.Item>
          ))}
          {controls.map((c) => (
            <List.Item key={`${c.townId}-${c.quarter}`}>
              <Anchor component={Link} to={`/towns/${c.townId}/control?quarter=${c.quarter}`}>
                {t('myAgenda.controlToApprove', { quarter: c.quarter })}
              </Anchor>
            </List.Item>
          ))}
          {stageMoves.map((move) => (
            <List.Item key={`${move.townId}-${move.toStage}`}>
              <Anchor component={Link} to={`/towns/${move.townId}/forum?tab=stages`}>
                {t('myAgenda.stageToConfirm', { from: stageNumber[move.fromStage], to: stageNumber[move.toStage] })}
              </Anchor>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}
