import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';

import { LanguageSwitcher } from '@/components/LanguageSwitcher';
import { failureMessage, fieldMessage, fromExtensions, type ApiFailure } from '@/lib/errors';
import { postGraphQL } from '@/lib/session';
import { chooseLanguageBeforeSignIn } from '@/lib/session-context';

import { PasswordLinkQuery, SetPasswordWithLinkMutation } from '../api/accounts';

/** Where an invitation or reset link leads: choose a password, then sign in. No account needed. */
export default function SetPasswordPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [{ data, error, fetching }] = useQuery({ query: PasswordLinkQuery, variables: { token } });
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [done, setDone] = useState(false);
  const form = useForm({
    initialValues: { password: '', repeat: '' },
    validate: {
      password: (v) => (v.length >= 10 ? null : fieldMessage(t, 'weak_password', { reason: 'too_short', min: '10' })),
      repeat: (v, values) => (v === values.password ? null : t('password.mismatch')),
    },
  });
  useEffect(() => {
    document.title = t('password.setTitle');
  }, [t]);

  const submit = form.onSubmit(async ({ password }) => {
    // Outside urql, like sign-in: a refusal here (a rate limit is UNAUTHENTICATED) must not end
    // a session this browser may hold.
    const result = await postGraphQL(SetPasswordWithLinkMutation, { token, password }).catch(() => null);
    const problem = result?.data?.setPasswordWithLink ? null : result ? fromExtensions(result.errors?.[0]?.extensions) : { code: 'NETWORK', fields: {} };
    setFailure(problem);
    if (problem?.fields.password) form.setFieldError('password', fieldMessage(t, problem.fields.password.code, problem.fields.password.params));
    if (!problem) setDone(true);
  });

  const invalid = !!error || failure?.fields.token;
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" maw={440} w="100%" component="main">
        <Stack>
          <LanguageSwitcher onChange={chooseLanguageBeforeSignIn} />
          <Title order={1} size="h2">
            {t('password.setTitle')}
          </Title>
          {fetching && <Text>{t('states.loading')}</Text>}
          {invalid && (
            <Alert color="red" role="alert">
              {fieldMessage(t, 'link_invalid')}
            </Alert>
          )}
          {done && (
            <Alert color="teal" role="status">
              {t('password.set')}{' '}
              <Anchor component={Link} to="/sign-in">
                {t('auth.signIn')}
              </Anchor>
            </Alert>
          )}
          {data?.passwordLink && !done && !invalid && (
            <form onSubmit={submit} noValidate>
              <Stack>
                <Text>
                  {t('password.greeting')} <bdi>{data.passwordLink}</bdi>
                </Text>
                <Text size="sm">{t('password.hint')}</Text>
                <PasswordInput label={t('password.new')} autoComplete="new-password" required {...form.getInputProps('password')} />
                <PasswordInput label={t('password.repeat')} autoComplete="new-password" required {...form.getInputProps('repeat')} />
                {failure && !failure.fields.token && !failure.fields.password && <Alert color="red">{failureMessage(t, failure)}</Alert>}
                <Button type="submit">{t('password.save')}</Button>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
