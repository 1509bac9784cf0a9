import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { ScrollTable } from './ScrollTable';
import { SortableTh, useSort } from './SortableTh';
import type { MembershipRole } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';

/** A body's roles from the chair down: the order a members table starts in. */
export const MEMBERSHIP_ROLES: MembershipRole[] = ['CHAIR', 'EMPLOYMENT_LEAD', 'REFERENT_STRATEGIC', 'REFERENT_OPERATIONAL', 'REGIONAL_COORDINATOR', 'TEAM_LEAD', 'MEMBER'];
const SENIORITY = ['HEAD', 'SENIOR', 'MIDDLE', 'STAFF'];

type Column = 'person' | 'organisation' | 'sector' | 'role' | 'seniority' | 'joined' | 'leftOn';

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
  const { t, i18n } = useTranslation();
  const format = useFormat();
  // By role from the chair down, as a body is read; the server's order within a role.
  const { sort, sorted, toggle } = useSort<Column, M>(
    'role',
    (m, column) =>
      ({
        person: m.person.fullName,
        organisation: m.person.organisation?.name,
        sector: m.person.organisation && t(`sectors.${m.person.organisation.sector}`),
        role: MEMBERSHIP_ROLES.indexOf(m.role as MembershipRole),
        seniority: m.person.seniority ? SENIORITY.indexOf(m.person.seniority) : null,
        joined: m.joinedOn,
        leftOn: m.leftOn,
      })[column],
    i18n.language,
  );
  const header = (column: Column, label: string) => <SortableTh column={column} label={label} sort={sort} onSort={toggle} />;
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
            {header('person', t('town.person'))}
            {header('organisation', t('town.organisation'))}
            {header('sector', t('town.sector'))}
            {header('role', t('town.role'))}
            {detailed && header('seniority', t('forum.seniority'))}
            {header('joined', t('town.joined'))}
            {detailed && header('leftOn', t('forum.leftOn'))}
            {actions && <Table.Th scope="col">{t('directory.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted(members).map((member) => (
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
