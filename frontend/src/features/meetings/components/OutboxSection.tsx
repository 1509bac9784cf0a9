import { Accordion, Alert, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';

import type { DeliveryStatus } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';

import { MeetingOutboxQuery } from '../api/queries';

const COLOR: Record<DeliveryStatus, string> = { SENT: 'teal', PENDING: 'blue', FAILED: 'red', NOT_CONFIGURED: 'gray' };

/**
 * The e-mails the meeting sent to its invitees (invitations, changes, cancellation, minutes);
 * without SMTP, exactly what would have been sent, so the referent can forward it by hand.
 */
export function OutboxSection({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  // Refetched after any change to a meeting or its minutes: those are what send e-mail.
  const context = useMemo(() => ({ additionalTypenames: ['Meeting', 'Minutes'] }), []);
  const [{ data }] = useQuery({ query: MeetingOutboxQuery, variables: { meetingId }, context });
  const outbox = data?.meetingOutbox;
  if (!outbox) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="outbox-title">
      <Title order={2} size="h3" id="outbox-title">
        {t('outbox.title')}
      </Title>
      {!outbox.smtpConfigured && outbox.emails.length > 0 && (
        <Alert color="gray" variant="light">
          {t('outbox.notConfigured')}
        </Alert>
      )}
      {outbox.emails.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('outbox.none')}
        </Text>
      ) : (
        <Accordion variant="contained" chevronPosition="left">
          {outbox.emails.map((email) => (
            <Accordion.Item key={email.id} value={email.id}>
              <Accordion.Control>
                <Group gap="xs" wrap="wrap">
                  <Badge color={COLOR[email.delivery]} variant="light">
                    {t(`outbox.delivery.${email.delivery}`)}
                  </Badge>
                  <Text size="sm" fw={500}>
                    {t(`outbox.kind.${email.kind}`)}
                  </Text>
                  <Text size="sm">
                    {t('outbox.to')}: {email.toName} &lt;<span dir="ltr">{email.toEmail}</span>&gt;
                  </Text>
                  <Text size="xs" c="dimmed">
                    {format.date(email.createdAt)}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Text size="sm" fw={600}>
                  {email.subject}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {email.body}
                </Text>
                {email.lastError && (
                  <Text size="xs" c="red.9">
                    {email.lastError}
                  </Text>
                )}
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  );
}
