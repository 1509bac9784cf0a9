import { DirectionProvider, MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { Provider as UrqlProvider } from 'urql';

import { createClient } from '@/lib/graphql';
import { languageMeta } from '@/lib/i18n';
import { SessionProvider } from '@/lib/session-context';

import { AppRoutes } from './router';

const theme = createTheme({
  primaryColor: 'blue',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans Hebrew", Arial, sans-serif',
  // AA contrast for primary actions on white.
  primaryShade: 8,
});

/**
 * WCAG AA contrast (4.5:1) for secondary text and the light variants of buttons, badges and
 * alerts: Mantine's defaults for these sit near 3:1 on white.
 */
const accessibleContrast: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[8],
    '--mantine-color-placeholder': t.colors.gray[7],
    '--mantine-color-blue-light-color': t.colors.blue[9],
    '--mantine-color-teal-light-color': '#0b5e50',
    '--mantine-color-gray-light-color': t.colors.gray[8],
    '--mantine-color-yellow-light-color': '#6b4e00',
    '--mantine-color-red-light-color': t.colors.red[9],
    '--mantine-color-green-light-color': '#1b5e20',
  },
  dark: {},
});

export function App() {
  const { i18n } = useTranslation();
  const client = useMemo(() => createClient(), []);
  const dir = languageMeta(i18n.language).dir;
  return (
    <DirectionProvider initialDirection={dir} detectDirection>
      <MantineProvider theme={theme} cssVariablesResolver={accessibleContrast}>
        <UrqlProvider value={client}>
          <SessionProvider>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
          </SessionProvider>
        </UrqlProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}
