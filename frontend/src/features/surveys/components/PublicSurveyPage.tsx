import { Alert, Container, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';

import { LanguageSwitcher } from '@/components/LanguageSwitcher';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { setLanguage } from '@/lib/i18n';
import { localName } from '@/lib/names';

import { PublicSurveyQuery, SubmitSurveyMutation } from '../api/queries';
import { SurveyForm } from './SurveyForm';

/** The employer survey behind a town's link: no account, nothing but the form and the town's name. */
export default function PublicSurveyPage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: PublicSurveyQuery, variables: { token } });
  const [, submit] = useMutation(SubmitSurveyMutation);
  const [sent, setSent] = useState(false);
  const survey = data?.publicSurvey;
  const town = survey ? localName({ nameHe: survey.townNameHe, nameEn: survey.townNameEn, nameAr: survey.townNameAr }, i18n.language) : '';
  const title = survey ? t('surveys.publicTitle', { title: survey.title, town }) : t('surveys.nav');
  useDocumentTitle(title);
  return (
    <Container size="sm" py="lg" component="main">
      <Stack>
        <Group justify="space-between">
          <Text fw={700} c="blue.9">
            WORKIT
          </Text>
          <LanguageSwitcher onChange={setLanguage} />
        </Group>
        <Title order={1} size="h2">
          {title}
        </Title>
        {fetching && !data && <Loader aria-label={t('states.loading')} />}
        {error && (
          <Alert color="red" role="alert">
            {t('surveys.linkInvalid')}
          </Alert>
        )}
        {survey && sent && (
          <Alert color="teal" role="status">
            <Text fw={600}>{t('surveys.thanks')}</Text>
            <Text size="sm">{t('surveys.thanksMore')}</Text>
          </Alert>
        )}
        {survey && !sent && (
          <Paper withBorder p="md">
            <Stack>
              <Text>{t('surveys.publicIntro')}</Text>
              <SurveyForm
                towns={survey.towns}
                townId={survey.townId}
                submitLabel={t('surveys.submit')}
                onSubmit={async (input) => {
                  const result = await submit({ token, input });
                  const ok = !result.error && !!result.data?.submitSurvey;
                  if (ok) {
                    setSent(true);
                    window.scrollTo(0, 0);
                  }
                  return { error: result.error, ok };
                }}
              />
            </Stack>
          </Paper>
        )}
      </Stack>
    </Container>
  );
}
