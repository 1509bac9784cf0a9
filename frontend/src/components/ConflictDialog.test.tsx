import { DirectionProvider, MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import '@/lib/i18n';

import { ConflictDialog, diffFields } from './ConflictDialog';

describe('diffFields', () => {
  it('lists only the fields whose latest value differs from what the user typed', () => {
    const changes = diffFields({ name: 'Name', notes: 'Notes' }, { name: 'Theirs', notes: '' }, { name: 'Mine', notes: null });
    expect(changes).toEqual([{ label: 'Name', theirs: 'Theirs', yours: 'Mine' }]);
  });
});

describe('ConflictDialog', () => {
  it('shows what changed and lets the user keep their values', async () => {
    const keep = vi.fn();
    render(
      <DirectionProvider>
        <MantineProvider>
          <ConflictDialog opened changes={[{ label: 'שם הארגון', theirs: 'ישן', yours: 'חדש' }]} onKeepMine={keep} onTakeTheirs={vi.fn()} />
        </MantineProvider>
      </DirectionProvider>,
    );
    expect(await screen.findByText('מישהו אחר שינה את הפריט בינתיים')).toBeInTheDocument();
    expect(screen.getByText('ישן')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'להמשיך עם הנתונים שלי על בסיס הגרסה העדכנית' }));
    expect(keep).toHaveBeenCalled();
  });
});
