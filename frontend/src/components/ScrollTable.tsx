import { Table, type MantineBreakpoint } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A table wider than a phone scrolls sideways inside this region. The region is focusable and
 * named, so a keyboard user can reach it and scroll it with the arrow keys (axe's
 * scrollable-region-focusable); native scrolling keeps the browser's own cues.
 */
export function ScrollTable({
  label,
  minWidth,
  mah,
  visibleFrom,
  stackOnPhone = false,
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
  children: ReactNode;
}) {
  return (
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
  );
}
