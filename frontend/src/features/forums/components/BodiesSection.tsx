import { ActionIcon, Badge, Button, Card, Group, Stack, Switch, Text, Title, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus, IconUserMinus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { MembersTable } from '@/components/MembersTable';
import { EmptyState } from '@/components/PageState';
import type { ForumPageQuery } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';

import { AddMemberDialog, BodyDialog, EditMemberDialog } from './MemberDialogs';

type Forum = NonNullable<ForumPageQuery['town']['forum']>;
type Body = Forum['bodies'][number];
type Member = Body['members'][number];

/** Every body of the forum with its members; role holders add, edit and end memberships. */
export function BodiesSection({
  townId,
  forum,
  canEdit,
  includePast,
  onIncludePast,
}: {
  townId: string;
  forum: Forum;
  canEdit: boolean;
  includePast: boolean;
  onIncludePast: (value: boolean) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [adding, setAdding] = useState<Body | null>(null);
  const [editing, setEditing] = useState<{ member: Member; ending: boolean } | null>(null);
  const [newBody, setNewBody] = useState(false);

  return (
    <Stack mt="md">
      <Group justify="space-between">
        <Switch label={t('forum.showPast')} checked={includePast} onChange={(e) => onIncludePast(e.currentTarget.checked)} />
        {canEdit && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setNewBody(true)}>
            {t('forum.newBody')}
          </Button>
        )}
      </Group>
      {forum.bodies.length === 0 && <EmptyState message={t('town.noBodies')} />}
      {forum.bodies.map((body) => (
        <Card key={body.id} withBorder component="section" aria-labelledby={`forum-body-${body.id}`} data-body-kind={body.kind}>
          <Stack gap="xs">
            <Group justify="space-between" wrap="wrap">
              <Stack gap={0}>
                <Group gap="xs">
                  <Title order={3} size="h4" id={`forum-body-${body.id}`}>
                    {body.name}
                  </Title>
                  {body.closed && <Badge color="gray">{t('forum.closed')}</Badge>}
                </Group>
                <Text size="sm" c="dimmed">
                  {[
                    t(`bodyKinds.${body.kind}`),
                    body.focus && `${t('forum.focus')}: ${body.focus.title}`,
                    body.startsOn && `${format.date(body.startsOn)}${body.endsOn ? ` – ${format.date(body.endsOn)}` : ''}`,
                    t('town.members', { count: body.members.filter((m) => m.current).length }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Stack>
              {canEdit && !body.closed && (
                <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setAdding(body)} aria-label={`${t('forum.addMember')}: ${body.name}`}>
                  {t('forum.addMember')}
                </Button>
              )}
            </Group>
            <MembersTable
              label={body.name}
              members={body.members}
              detailed
              actions={
                canEdit
                  ? (member) => (
                      <Group gap={4} wrap="nowrap">
                        <Tooltip label={t('forum.editMember', { name: member.person.fullName })}>
                          <ActionIcon variant="subtle" aria-label={t('forum.editMember', { name: member.person.fullName })} onClick={() => setEditing({ member, ending: false })}>
                            <IconPencil size={18} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                        {member.current && (
                          <Tooltip label={t('forum.endMember', { name: member.person.fullName })}>
                            <ActionIcon variant="subtle" color="red" aria-label={t('forum.endMember', { name: member.person.fullName })} onClick={() => setEditing({ member, ending: true })}>
                              <IconUserMinus size={18} aria-hidden />
                            </ActionIcon>
                          </Tooltip>
                        )}
                      </Group>
                    )
                  : undefined
              }
            />
          </Stack>
        </Card>
      ))}
      {adding && <AddMemberDialog townId={townId} body={adding} onClose={() => setAdding(null)} />}
      {editing && <EditMemberDialog member={editing.member} ending={editing.ending} onClose={() => setEditing(null)} />}
      {newBody && <BodyDialog forum={forum} onClose={() => setNewBody(false)} />}
    </Stack>
  );
}
