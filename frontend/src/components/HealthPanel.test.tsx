import { DirectionProvider, MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import '@/lib/i18n';

import { HealthPanel } from './HealthPanel';

describe('HealthPanel', () => {
  it('says a signal with nothing to measure has nothing to measure, instead of praising it', () => {
    render(
      <DirectionProvider>
        <MantineProvider>
          <HealthPanel signals={[{ kind: 'TEAM_CADENCE', status: 'UNKNOWN', value: null, threshold: 42, details: [] }]} />
        </MantineProvider>
      </DirectionProvider>,
    );
    expect(screen.getByText('אין עדיין מה למדוד')).toBeInTheDocument();
    expect(screen.getByText(/לפורום עדיין אין צוותי משימה/)).toBeInTheDocument();
    expect(screen.queryByText(/הצוותים נפגשים/)).toBeNull();
  });
});
