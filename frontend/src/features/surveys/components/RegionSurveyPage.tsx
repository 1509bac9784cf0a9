import { Anchor, Card, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';

import { ErrorState, Loading } from '@/components/PageState';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { localName } from '@/lib/names';

import { RegionSurveyQuery } from '../api/queries';
import { SurveyResults } from './SurveyResults';

/** A coordinator's view of the employer survey: the region's towns summed, small counts withheld, raw answers never. */
export default function RegionSurveyPage() {
  const { regionId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [{ data, error }, refetch] = useQuery({ query: RegionSurveyQuery, variables: { regionId, year } });
  const region = localName(data?.region, i18n.language);
  const title = t('surveys.regionTitle', { region });
  useDocumentTitle(region && title);
  if (error) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading />;
  const r = data.regionSurveySummary;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/regions/${regionId}/compare`} size="sm">
        {t('compare.nav')}
      </Anchor>
      <Title order={1}>{title}</Title>
      <Select label={t('surveys.year')} w={140} allowDeselect={false} value={String(year)} onChange={(v) => setYear(Number(v))} data={[0, 1, 2].map((i) => String(thisYear - i))} />
      <Text>{t('surveys.regionIntro', { year: r.year, towns: r.townsAnswering })}</Text>
      <Card withBorder>{r.summary.responses === 0 ? <Text>{t('surveys.noAnswers')}</Text> : <SurveyResults summary={r.summary} />}</Card>
    </Stack>
  );
}
