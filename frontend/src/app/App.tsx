import { DirectionProvider, MantineProvider, createTheme } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { Provider as UrqlProvider } from 'urql';

import { createClient } from '@/lib/graphql';
import { languageMeta } from '@/lib/i18n';
import { SessionProvider } from '@/lib/session-context';

import { router } from './router';

const theme = createTheme({
  primaryColor: 'blue',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans Hebrew", Arial, sans-serif',
  // AA contrast for primary actions on white.
  primaryShade: 8,
});

export function App() {
  const { i18n } = useTranslation();
  const client = useMemo(() => createClient(), []);
  const dir = languageMeta(i18n.language).dir;
  return (
    <DirectionProvider initialDirection={dir} detectDirection>
      <MantineProvider theme={theme}>
        <UrqlProvider value={client}>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </UrqlProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}
