import { Box, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';

import { Loading } from '@/components/PageState';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { localName } from '@/lib/names';

import { MappingPageQuery, MappingQuery } from '../api/queries';
import { QUESTIONS, TARGET_GROUPS } from './MappingPage';

/** The mapping questionnaire as a form to print and take to a one-to-one meeting: blank, or filled for one organisation. */
export default function MappingPrintPage() {
  const { townId = '' } = useParams();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const [{ data: page }] = useQuery({ query: MappingPageQuery, variables: { townId } });
  const forumId = page?.town.forum?.id ?? '';
  const [{ data }] = useQuery({ query: MappingQuery, variables: { forumId, townId }, pause: !forumId });
  const row = data?.organisationMappings.find((r) => r.organisation.id === search.get('organisation'));
  const title = t('mapping.formTitle', { organisation: row?.organisation.name ?? '________________' });
  useDocumentTitle(title);
  if (!page || (forumId && !data)) return <Loading />;
  const a = row?.answers;
  const answer = (q: (typeof QUESTIONS)[number]) => {
    if (!a) return '';
    if (q === 'targetGroups') return '';
    if (q === 'programmes') return a.programmes.join('\n');
    return a[q] ?? '';
  };
  return (
    <Stack gap="md" className="print-page">
      <Group justify="space-between" className="no-print">
        <Text>{localName(page.town, i18n.language)}</Text>
        <Button leftSection={<IconPrinter size={18} aria-hidden />} onClick={() => window.print()}>
          {t('mapping.print')}
        </Button>
      </Group>
      <Title order={1} size="h2">
        {title}
      </Title>
      {QUESTIONS.map((q) => (
        <Stack key={q} gap={4}>
          <Text fw={700}>{t(`mapping.questions.${q}`)}</Text>
          {q === 'targetGroups' ? (
            <Group gap="lg">
              {TARGET_GROUPS.map((g) => (
                <Text key={g}>
                  {a?.targetGroups.includes(g) ? '☒' : '☐'} {t(`mapping.groups.${g}`)}
                </Text>
              ))}
            </Group>
          ) : (
            <Box style={{ border: '1px solid #999', minHeight: 72, padding: 8, whiteSpace: 'pre-wrap' }}>
              <bdi>{answer(q)}</bdi>
            </Box>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
