import { Badge, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';

import { ScrollTable } from '@/components/ScrollTable';
import { FormError } from '@/components/FormError';
import type { MeetingPageQuery } from '@/gql/graphql';
import { useProblem } from '@/hooks/useProblem';
import { describeChange } from '@/lib/planChanges';

import { meetingChanged } from '../api/changes';
import { DecidePlanChangeMutation } from '../api/queries';

type Change = NonNullable<MeetingPageQuery['meeting']>['planChanges'][number];

/** The plan changes quarterly control brought to this meeting: the meeting accepts or rejects
 * each; approving the minutes applies what was accepted. */
export function PlanChangesSection({ changes, open, canEdit }: { changes: Change[]; open: boolean; canEdit: boolean }) {
  const { t } = useTranslation();
  const [, decide] = useMutation(DecidePlanChangeMutation);
  const { problem, report } = useProblem();
  if (changes.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="meeting-plan-changes">
      <Stack gap="sm">
        <Title order={2} size="h3" id="meeting-plan-changes">
          {t('meetings.planChanges.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('meetings.planChanges.hint')}
        </Text>
        <FormError message={problem} />
        <ScrollTable minWidth={520} label={t('meetings.planChanges.title')} stackOnPhone>
          <Table>
            <Table.Tbody>
              {changes.map((change) => {
                const subject = describeChange(t, change);
                const decidable = canEdit && open && change.status !== 'APPLIED';
                return (
                  <Table.Tr key={change.id} data-plan-change={change.kind}>
                    <Table.Td>
                      <Text size="sm">{subject}</Text>
                      {change.reason && (
                        <Text size="xs" c="dimmed">
                          {change.reason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {decidable ? (
                        <SegmentedControl
                          size="xs"
                          aria-label={t('meetings.planChanges.decision', { subject })}
                          value={change.status === 'ACCEPTED' || change.status === 'REJECTED' ? change.status : ''}
                          data={[
                            { value: 'ACCEPTED', label: t('meetings.planChanges.accept') },
                            { value: 'REJECTED', label: t('meetings.planChanges.reject') },
                          ]}
                          onChange={async (value) => {
                            report(await decide({ id: change.id, accepted: value === 'ACCEPTED', version: change.version }, meetingChanged));
                          }}
                        />
                      ) : (
                        <Group gap={4}>
                          <Badge variant="light" color={change.status === 'REJECTED' ? 'dark' : change.status === 'PROPOSED' ? 'blue' : 'teal'} style={{ overflow: 'visible' }}>
                            {t(`control.changeStatuses.${change.status}`)}
                          </Badge>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Stack>
    </Card>
  );
}
