import { Badge, Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { ScrollTable } from '@/components/ScrollTable';
import { columnLabels, SortableTh, useSort } from '@/components/SortableTh';
import type { StakeholderFieldsFragment } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';

type Row = StakeholderFieldsFragment;
type Column = 'name' | 'sector' | 'influence' | 'interest' | 'quadrant' | 'inForum' | 'nextStep' | 'dueOn';

const VALUE: Record<Column, (r: Row) => string | number> = {
  name: (r) => r.name,
  sector: (r) => r.sector ?? '',
  influence: (r) => r.influence,
  interest: (r) => r.interest,
  quadrant: (r) => r.quadrant,
  inForum: (r) => (r.inForum ? 0 : 1),
  nextStep: (r) => r.nextStep ?? '',
  dueOn: (r) => r.nextStepDueOn ?? '9999',
};

/** The map's data as a table: what screen readers read, and what sorts. */
export function StakeholderTable({ rows, selectedId, onSelect }: { rows: Row[]; selectedId: string | null; onSelect: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { sort, sorted: sortRows, toggle } = useSort<Column, Row>('quadrant', (r, c) => VALUE[c](r), i18n.language);
  const sorted = sortRows(rows);
  const labels = columnLabels(Object.keys(VALUE) as Column[], (column) => t(`stakeholders.columns.${column}`));
  return (
    <ScrollTable minWidth={760} label={t('stakeholders.views.table')} stackOnPhone phoneSort={{ labels, sort, onSort: toggle }}>
      <Table striped highlightOnHover data-testid="stakeholder-table">
        <Table.Thead>
          <Table.Tr>
            {(Object.keys(labels) as Column[]).map((column) => (
              <SortableTh key={column} column={column} label={labels[column]} sort={sort} onSort={toggle} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((r) => (
            <Table.Tr key={r.id} bg={r.id === selectedId ? 'blue.0' : undefined}>
              <Table.Td>
                <UnstyledButton onClick={() => onSelect(r.id)} fw={600} td="underline" aria-pressed={r.id === selectedId}>
                  <bdi>{r.name}</bdi>
                </UnstyledButton>
              </Table.Td>
              <Table.Td data-label={labels.sector}>{r.sector ? t(`sectors.${r.sector}`) : t('stakeholders.none')}</Table.Td>
              <Table.Td data-label={labels.influence}>{format.number(r.influence)}</Table.Td>
              <Table.Td data-label={labels.interest}>{format.number(r.interest)}</Table.Td>
              <Table.Td data-label={labels.quadrant}>
                <Text size="sm" fw={600}>
                  {t(`stakeholders.quadrants.${r.quadrant}.name`)}
                </Text>
                <Text size="xs">{t(`stakeholders.actions.${r.action}`)}</Text>
              </Table.Td>
              <Table.Td data-label={labels.inForum}>{r.inForum ? t('stakeholders.yes') : t('stakeholders.no')}</Table.Td>
              <Table.Td data-label={labels.nextStep}>
                <bdi>{r.nextStep ?? ''}</bdi>
              </Table.Td>
              <Table.Td data-label={labels.dueOn}>
                {format.date(r.nextStepDueOn)} {r.nextStepOverdue && <Badge color="red.9">{t('stakeholders.overdue')}</Badge>}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
