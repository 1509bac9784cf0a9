import { Alert, Anchor, Button, Center, Code, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { useQuery } from 'urql';

import { LanguageSwitcher } from '@/components/LanguageSwitcher';
import { failureMessage, fieldMessage, fromExtensions, type ApiFailure } from '@/lib/errors';
import { postGraphQL, startSession } from '@/lib/session';
import { chooseLanguageBeforeSignIn, homePath, useSession } from '@/lib/session-context';

import { LoginMutation, ServerInfoQuery } from '../api/login';

const DEMO_LOGIN = 'referent.kiryat-shmona@demo.workit.example';
const DEMO_PASSWORD = 'workit-demo';

/** Only paths inside the app are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [{ data: info }] = useQuery({ query: ServerInfoQuery });
  const ended = session.status === 'signedOut' ? session.ended : null;
  const form = useForm({
    initialValues: { email: '', password: '' },
    validateInputOnBlur: true,
    validate: {
      email: (value) => (value.trim() ? (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : fieldMessage(t, 'invalid_email')) : fieldMessage(t, 'required')),
      password: (value) => (value ? null : fieldMessage(t, 'required')),
    },
  });

  useEffect(() => {
    document.title = `${t('auth.signInTitle')}`;
  }, [t]);

  if (session.status === 'signedIn') {
    return <Navigate to={safeNext(params.get('next')) ?? homePath(session.me)} replace />;
  }

  const submit = form.onSubmit(async ({ email, password }) => {
    setSubmitting(true);
    setFailure(null);
    try {
      const result = await postGraphQL(LoginMutation, { email: email.trim(), password });
      if (result.data?.login) {
        startSession(result.data.login);
        await session.reload();
      } else {
        setFailure(fromExtensions(result.errors?.[0]?.extensions));
      }
    } catch {
      setFailure({ code: 'NETWORK', fields: {} });
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <Center mih="100vh" p="md" component="main" id="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <Stack>
          <Stack gap={4}>
            <Title order={1} size="h2">
              {t('auth.signInTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('auth.signInIntro')}
            </Text>
          </Stack>
          <LanguageSwitcher onChange={chooseLanguageBeforeSignIn} />
          {ended === 'expired' && (
            <Alert color="yellow" role="status">
              {t('auth.sessionExpired')}
            </Alert>
          )}
          {ended === 'signedOut' && (
            <Alert color="blue" role="status">
              {t('auth.signedOut')}
            </Alert>
          )}
          {failure && (
            <Alert color="red" role="alert">
              {failureMessage(t, failure)}
            </Alert>
          )}
          <form onSubmit={submit} noValidate>
            <Stack>
              <TextInput label={t('auth.email')} type="email" autoComplete="username" dir="ltr" required {...form.getInputProps('email')} />
              <PasswordInput label={t('auth.password')} autoComplete="current-password" dir="ltr" required {...form.getInputProps('password')} />
              <Button type="submit" loading={submitting}>
                {submitting ? t('auth.signingIn') : t('auth.signIn')}
              </Button>
            </Stack>
          </form>
          {info?.serverInfo.demo && (
            <Text size="sm">
              {t('auth.demoTry')}{' '}
              <Anchor component="button" type="button" onClick={() => form.setValues({ email: DEMO_LOGIN, password: DEMO_PASSWORD })}>
                <Code dir="ltr">{DEMO_LOGIN}</Code>
              </Anchor>{' '}
              / <Code dir="ltr">{DEMO_PASSWORD}</Code>
            </Text>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
