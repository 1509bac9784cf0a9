import { Button, Group, NativeSelect, Table, UnstyledButton } from '@mantine/core';
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export type Sort<C extends string> = { column: C; ascending: boolean };

/** A table's sort: the column and direction, and a comparator for rows by the column's value. */
export function useSort<C extends string, R>(initial: C, value: (row: R, column: C) => string | number | null | undefined, language: string, initiallyAscending = true) {
  const [sort, setSort] = useState<Sort<C>>({ column: initial, ascending: initiallyAscending });
  const sorted = (rows: readonly R[]) =>
    [...rows].sort((a, b) => {
      const [x, y] = [value(a, sort.column), value(b, sort.column)];
      if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1;
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), language);
      return sort.ascending ? order : -order;
    });
  const toggle = (column: C) => setSort((s) => ({ column, ascending: s.column === column ? !s.ascending : true }));
  return { sort, sorted, toggle };
}

/** A column header that sorts its table, announcing the order with `aria-sort`. */
export function SortableTh<C extends string>({ column, label, sort, onSort }: { column: C; label: string; sort: Sort<C>; onSort: (column: C) => void }) {
  const active = sort.column === column;
  const Icon = !active ? IconArrowsSort : sort.ascending ? IconSortAscending : IconSortDescending;
  return (
    <Table.Th scope="col" aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => onSort(column)} style={{ display: 'inline-flex', gap: 4, alignItems: 'center', fontWeight: 700 }}>
        {label}
        <Icon size={14} aria-hidden />
      </UnstyledButton>
    </Table.Th>
  );
}

/** Each column's name, for tables whose column names follow one pattern. */
export function columnLabels<C extends string>(columns: readonly C[], label: (column: C) => string): Record<C, string> {
  return Object.fromEntries(columns.map((column) => [column, label(column)])) as Record<C, string>;
}

/**
 * The same sort for a phone, where a stacked table's rows are cards and its header row is
 * hidden: the column as a select, the direction as a button. `labels` names the sortable
 * columns in the order offered.
 */
export function PhoneSort<C extends string>({ labels, sort, onSort }: { labels: Record<C, string>; sort: Sort<C>; onSort: (column: C) => void }) {
  const { t } = useTranslation();
  const Icon = sort.ascending ? IconSortAscending : IconSortDescending;
  const columns = Object.keys(labels) as C[];
  return (
    <Group hiddenFrom="sm" gap="xs" align="flex-end" wrap="nowrap" data-phone-sort>
      <NativeSelect label={t('app.sortBy')} value={sort.column} onChange={(e) => onSort(e.currentTarget.value as C)} data={columns.map((column) => ({ value: column, label: labels[column] }))} style={{ flex: 1 }} />
      <Button variant="default" leftSection={<Icon size={16} aria-hidden />} onClick={() => onSort(sort.column)}>
        {t(sort.ascending ? 'app.ascending' : 'app.descending')}
      </Button>
    </Group>
  );
}
