import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { ScrollTable } from './ScrollTable';
import { useFormat } from '@/hooks/useFormat';

/** What a members table shows of one membership (fields both town and forum pages query). */
export type MemberRow = {
  id: string;
  role: string;
  joinedOn: string;
  leftOn?: string | null;
  current?: boolean;
  person: { fullName: string; seniority?: string | null; organisation?: { name: string; sector: string } | null };
};

/**
 * The members of a body: name, organisation, sector, role and when they joined. `detailed`
 * adds seniority and the day they left; `actions` renders a last column per member.
 */
export function MembersTable<M extends MemberRow>({ members, label, detailed = false, actions }: { members: M[]; label: string; detailed?: boolean; actions?: (member: M) => ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (members.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('town.noMembers')}
      </Text>
    );
  }
  return (
    // On a phone each member is a card; wider, the table scrolls if it must.
    <ScrollTable minWidth={detailed ? 640 : 480} label={label} stackOnPhone>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('town.person')}</Table.Th>
            <Table.Th scope="col">{t('town.organisation')}</Table.Th>
            <Table.Th scope="col">{t('town.sector')}</Table.Th>
            <Table.Th scope="col">{t('town.role')}</Table.Th>
            {detailed && <Table.Th scope="col">{t('forum.seniority')}</Table.Th>}
            <Table.Th scope="col">{t('town.joined')}</Table.Th>
            {detailed && <Table.Th scope="col">{t('forum.leftOn')}</Table.Th>}
            {actions && <Table.Th scope="col">{t('directory.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => (
            <Table.Tr key={member.id} c={member.current === false ? 'dimmed' : undefined}>
              <Table.Td fw={500}>{member.person.fullName}</Table.Td>
              <Table.Td data-label={t('town.organisation')}>{member.person.organisation?.name}</Table.Td>
              <Table.Td data-label={t('town.sector')}>{member.person.organisation && t(`sectors.${member.person.organisation.sector}`)}</Table.Td>
              <Table.Td data-label={t('town.role')}>{t(`membershipRoles.${member.role}`)}</Table.Td>
              {detailed && <Table.Td data-label={t('forum.seniority')}>{member.person.seniority && t(`seniority.${member.person.seniority}`)}</Table.Td>}
              <Table.Td data-label={t('town.joined')}>{format.date(member.joinedOn)}</Table.Td>
              {detailed && <Table.Td data-label={t('forum.leftOn')}>{member.leftOn ? format.date(member.leftOn) : ''}</Table.Td>}
              {actions && <Table.Td>{actions(member)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
