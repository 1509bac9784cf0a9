import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconHelpCircle, IconInfoCircle } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import type { HealthSignal } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';

type Signal = Pick<HealthSignal, 'kind' | 'status' | 'value' | 'threshold' | 'details'>;

const LOOK = {
  OK: { color: 'teal', icon: IconCircleCheck },
  WARNING: { color: 'yellow', icon: IconInfoCircle },
  ALERT: { color: 'red', icon: IconAlertTriangle },
  UNKNOWN: { color: 'gray', icon: IconHelpCircle },
} as const;

/** Shares are sent as 0–1 and shown as percentages. */
const PERCENT = new Set(['SENIORITY_MIX', 'ATTENDANCE']);

/** Each signal says what it measures, its threshold, where the forum stands and what to do.
 * The forum page shows them as they are today, quarterly control as they were at the quarter's end. */
export function HealthPanel({ signals, title }: { signals: Signal[]; title?: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const format = useFormat();
  const details = (signal: Signal) =>
    signal.kind === 'SECTOR_COVERAGE' ? format.list(signal.details.map((s) => t(`sectors.${s}`))) : signal.kind === 'OVERDUE_TASKS' ? signal.details[0] ?? '0' : format.list(signal.details);
  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId}>
        {title ?? t('health.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3, xl: 4 }}>
        {signals.map((signal) => {
          const look = LOOK[signal.status];
          const value = signal.value == null ? null : PERCENT.has(signal.kind) ? Math.round(signal.value * 100) : signal.value;
          return (
            <Card key={signal.kind} withBorder padding="sm" data-signal={signal.kind} data-status={signal.status}>
              <Stack gap={6}>
                <Text fw={600}>{t(`health.${signal.kind}.title`)}</Text>
                <Group>
                  <Badge color={look.color} variant="light" leftSection={<look.icon size={14} aria-hidden />} style={{ textTransform: 'none', overflow: 'visible' }}>
                    {t(`health.status.${signal.status}`)}
                  </Badge>
                </Group>
                {value != null && (
                  <Text size="lg" fw={700}>
                    {t(`health.${signal.kind}.value`, { value: format.number(value), details: details(signal) })}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {t('health.measures')}: {t(`health.${signal.kind}.measures`)} · {t('health.threshold')}: {t(`health.${signal.kind}.threshold`, { threshold: format.number(signal.threshold) })}
                </Text>
                <Text size="sm">
                  {signal.status === 'UNKNOWN'
                    ? t(`health.${signal.kind}.unknown`)
                    : signal.status === 'OK'
                      ? t(`health.${signal.kind}.todoOk`)
                      : t(`health.${signal.kind}.todo`, { details: details(signal) })}
                </Text>
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
