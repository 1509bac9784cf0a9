import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS = { KICK_OFF: 'gray', MAPPING_AND_PLANNING: 'blue', IMPLEMENTATION: 'teal' } as const;

export function StageBadge({ stage }: { stage: keyof typeof COLORS }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[stage]} variant="light" radius="sm" style={{ textTransform: 'none' }}>
      {t(`stages.${stage}`)}
    </Badge>
  );
}
