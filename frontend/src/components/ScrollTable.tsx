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
  children,
}: {
  label: string;
  minWidth: number;
  mah?: number | string;
  /** Shown only from this width on, where a page offers another layout for phones. */
  visibleFrom?: MantineBreakpoint;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer type="native" minWidth={minWidth} mah={mah} tabIndex={0} aria-label={label} visibleFrom={visibleFrom}>
      {children}
    </Table.ScrollContainer>
  );
}
