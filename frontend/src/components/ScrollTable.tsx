import { Table, type MantineBreakpoint } from '@mantine/core';
import type { ReactNode } from 'react';

import { PhoneSort, type Sort } from './SortableTh';

/**
 * A table wider than a phone scrolls sideways inside this region. The region is focusable and
 * named, so a keyboard user can reach it and scroll it with the arrow keys (axe's
 * scrollable-region-focusable); native scrolling keeps the browser's own cues.
 */
export function ScrollTable<C extends string = string>({
  label,
  minWidth,
  mah,
  visibleFrom,
  stackOnPhone = false,
  phoneSort,
  children,
}: {
  label: string;
  minWidth: number;
  mah?: number | string;
  /** Shown only from this width on, where a page offers another layout for phones. */
  visibleFrom?: MantineBreakpoint;
  /**
   * On a phone, each row becomes a card with a cell per line, named by its `data-label`
   * (`global.css`, `.stacked-table`): for lists whose last columns — a status, the row's
   * buttons — matter as much as the first.
   */
  stackOnPhone?: boolean;
  /**
   * A stacked list's sort where its header row is hidden: shown on a phone above the cards
   * (`PhoneSort`), the same sort its `SortableTh` headers change on wider screens.
   */
  phoneSort?: { labels: Record<C, string>; sort: Sort<C>; onSort: (column: C) => void };
  children: ReactNode;
}) {
  return (
    <>
      {stackOnPhone && phoneSort && <PhoneSort {...phoneSort} />}
      <Table.ScrollContainer
        type="native"
        minWidth={minWidth}
        mah={mah}
        tabIndex={0}
        aria-label={label}
        visibleFrom={visibleFrom}
        className={stackOnPhone ? 'stacked-table' : undefined}
      >
        {children}
      </Table.ScrollContainer>
    </>
  );
}
