import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The end of every dialog form: cancel, and the submit button that shows the form is saving. */
export function FormActions({ onCancel, submitting, submitLabel }: { onCancel: () => void; submitting: boolean; submitLabel?: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('forum.cancel')}
      </Button>
      <Button type="submit" loading={submitting}>
        {submitLabel ?? t('forum.save')}
      </Button>
    </Group>
  );
}
