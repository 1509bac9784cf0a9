import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';

import { CreateCalendarFeedMutation, RevokeCalendarFeedMutation } from '../api/calendar';

/**
 * The private calendar-feed URL for Outlook or Google Calendar. It is shown once, when
 * created (the server keeps only its hash); creating a new one revokes the old.
 */
export function CalendarFeedDialog({ hasFeed, onClose }: { hasFeed: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [revoked, setRevoked] = useState(false);
  const [{ fetching: creating }, create] = useMutation(CreateCalendarFeedMutation);
  const [{ fetching: revoking }, revoke] = useMutation(RevokeCalendarFeedMutation);
  return (
    <Modal opened onClose={onClose} title={t('calendarFeed.title')} size="lg" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <Stack>
        <Text size="sm">{t('calendarFeed.intro')}</Text>
        {url ? (
          <Group align="flex-end" wrap="nowrap">
            <TextInput label={t('calendarFeed.url')} value={url} readOnly dir="ltr" style={{ flex: 1 }} onFocus={(e) => e.currentTarget.select()} />
            <CopyButton value={url}>{({ copied, copy }) => <Button onClick={copy}>{copied ? t('calendarFeed.copied') : t('calendarFeed.copy')}</Button>}</CopyButton>
          </Group>
        ) : (
          hasFeed && !revoked && <Alert variant="light">{t('calendarFeed.exists')}</Alert>
        )}
        {revoked && <Alert color="teal" role="status">{t('calendarFeed.revoked')}</Alert>}
        <Group justify="flex-end">
          {(hasFeed || url) && !revoked && (
            <Button
              variant="outline"
              color="red"
              loading={revoking}
              onClick={async () => {
                const result = await revoke({});
                if (result.data?.revokeCalendarFeed) {
                  setUrl(null);
                  setRevoked(true);
                }
              }}
            >
              {t('calendarFeed.revoke')}
            </Button>
          )}
          <Button
            loading={creating}
            onClick={async () => {
              const result = await create({});
              if (result.data) {
                setUrl(`${window.location.origin}${result.data.createCalendarFeed}`);
                setRevoked(false);
              }
            }}
          >
            {hasFeed || url ? t('calendarFeed.renew') : t('calendarFeed.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
