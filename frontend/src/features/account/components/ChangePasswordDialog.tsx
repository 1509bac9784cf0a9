import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';

import { failureMessage, fieldMessage, toFailure, type ApiFailure } from '@/lib/errors';

import { ChangeMyPasswordMutation } from '../api/own';

/** The signed-in person's own password; the server judges its strength and says why. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [{ fetching }, change] = useMutation(ChangeMyPasswordMutation);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [done, setDone] = useState(false);
  const form = useForm({
    initialValues: { current: '', newPassword: '' },
    validate: {
      current: (v) => (v ? null : fieldMessage(t, 'required')),
      newPassword: (v) => (v.length >= 10 ? null : fieldMessage(t, 'weak_password', { reason: 'too_short', min: '10' })),
    },
  });
  const submit = form.onSubmit(async (values) => {
    const result = await change(values);
    const problem = toFailure(result.error);
    setFailure(problem);
    if (problem) {
      for (const [field, error] of Object.entries(problem.fields)) {
        form.setFieldError(field, fieldMessage(t, error.code, error.params));
      }
    } else {
      setDone(true);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('password.change')} closeButtonProps={{ 'aria-label': t('accounts.close') }}>
      {done ? (
        <Stack>
          <Alert color="teal" role="status">
            {t('password.changed')}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('accounts.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">{t('password.hint')}</Text>
            <PasswordInput label={t('password.current')} autoComplete="current-password" required {...form.getInputProps('current')} />
            <PasswordInput label={t('password.new')} autoComplete="new-password" required {...form.getInputProps('newPassword')} />
            {failure && Object.keys(failure.fields).length === 0 && <Alert color="red">{failureMessage(t, failure)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('forum.cancel')}
              </Button>
              <Button type="submit" loading={fetching}>
                {t('password.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
