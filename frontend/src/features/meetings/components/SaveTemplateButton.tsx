import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { IconTemplate } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';

import { useProblem } from '@/hooks/useProblem';

import { SaveMeetingTemplateMutation } from '../api/queries';

/** Saves this meeting's plan as one of the town's own templates, offered when planning the next. */
export function SaveTemplateButton({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const { problem, report } = useProblem();
  const [saved, setSaved] = useState(false);
  const [, save] = useMutation(SaveMeetingTemplateMutation);

  const submit = async () => {
    if (report(await save({ meetingId, title }))) {
      setSaved(true);
      setOpen(false);
    }
  };

  return (
    <>
      <Button variant="default" leftSection={<IconTemplate size={16} aria-hidden />} onClick={() => setOpen(true)}>
        {t('meetings.saveAsTemplate')}
      </Button>
      {saved && (
        <Alert color="teal" role="status" withCloseButton closeButtonLabel={t('forum.cancel')} onClose={() => setSaved(false)}>
          {t('meetings.templateSaved')}
        </Alert>
      )}
      <Modal opened={open} onClose={() => setOpen(false)} title={t('meetings.saveAsTemplate')} closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
        <Stack>
          <TextInput label={t('meetings.templateTitle')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={problem} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('forum.cancel')}
            </Button>
            <Button onClick={() => void submit()}>{t('meetings.saveAsTemplate')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
