import { Alert, AppShell, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingCommunity, IconChartDots, IconMap, IconWorld, IconUsers, IconCalendarWeek } from '@tabler/icons-react';
import { Suspense, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';

import { Loading } from '@/components/PageState';
import { AccountButton } from '@/features/account/components/AccountButton';
import { AccountLanguageSwitch } from '@/features/account/components/AccountLanguageSwitch';
import { useFocusOnNavigation } from '@/hooks/useFocusOnNavigation';
import { localName } from '@/lib/names';
import { useMe } from '@/lib/session-context';

/**
 * The account menu — a popover and its positioning library, a sixth of the first download — loads
 * when its button is first pressed, and opens then. Not on every page load: its chunks competed
 * with the landing page's for the browser's connections, and a `lazy` one made React hold back
 * what resolved after it (its reveal throttle); sign-in to the landing page took 300–400 ms more.
 */
function AccountMenuOnDemand() {
  const [Menu, setMenu] = useState<ComponentType<{ initiallyOpened?: boolean }> | null>(null);
  const [asked, setAsked] = useState(false);
  if (Menu) return <Menu initiallyOpened={asked} />;
  const load = () => {
    if (asked) return;
    setAsked(true);
    import('@/features/account/components/AccountMenu')
      .then((m) => setMenu(() => m.AccountMenu))
      // Offline, say: the button stays, and the next press tries again.
      .catch(() => setAsked(false));
  };
  // Pressed by pointer (the menu replaces this button before the click completes) or by keyboard.
  return <AccountButton onPointerDown={load} onClick={load} aria-busy={asked || undefined} />;
}

/** The shell every signed-in page lives in: navigation by role, account menu, demo banner. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const { me, demo } = useMe();
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  useFocusOnNavigation();
  const seesAll = me.systemRole === 'ADMIN' || me.systemRole === 'NATIONAL';

  const links = [
    ...(seesAll || me.systemRole === 'REGIONAL_COORDINATOR' ? [{ to: '/towns', label: t('nav.allTowns'), icon: IconWorld }] : []),
    ...(me.systemRole === 'REGIONAL_COORDINATOR' && me.region ? [{ to: `/regions/${me.region.id}`, label: `${t('nav.myRegion')}: ${localName(me.region, i18n.language)}`, icon: IconMap }] : []),
    ...(seesAll ? [{ to: '/compare', label: t('compare.nav'), icon: IconChartDots }] : []),
    ...(me.systemRole === 'REGIONAL_COORDINATOR' && me.region ? [{ to: `/regions/${me.region.id}/compare`, label: t('compare.nav'), icon: IconChartDots }] : []),
    ...(me.towns.length > 0 ? [{ to: '/my-week', label: t('myAgenda.pageTitle'), icon: IconCalendarWeek }] : []),
    ...me.towns.map((grant) => ({ to: `/towns/${grant.town.id}`, label: localName(grant.town, i18n.language), icon: IconBuildingCommunity })),
    // The server decides what each may do there; the link is only where to find it.
    ...(me.systemRole === 'ADMIN' || me.systemRole === 'REGIONAL_COORDINATOR' ? [{ to: '/admin/accounts', label: t('nav.accounts'), icon: IconUsers }] : []),
  ];
  if (!seesAll && me.systemRole !== 'REGIONAL_COORDINATOR' && me.towns.length === 0) {
    links.push({ to: '/towns', label: t('nav.allTowns'), icon: IconWorld });
  }

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.openNavigation')} />
            <Text component={Link} to="/" fw={700} fz={{ base: 'md', sm: 'lg' }} c="blue.9" style={{ textDecoration: 'none', whiteSpace: 'nowrap' }}>
              {t('app.title')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <AccountLanguageSwitch />
            <AccountMenuOnDemand />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        <AppShell.Section grow style={{ overflowY: 'auto' }}>
          {links.map((link) => (
            <NavLink
              key={link.to}
              component={Link}
              to={link.to}
              label={link.label}
              leftSection={<link.icon size={18} aria-hidden />}
              active={pathname === link.to || pathname.startsWith(`${link.to}/`)}
              onClick={close}
            />
          ))}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {demo && (
          <Alert color="yellow" variant="light" mb="md" p="xs">
            {t('app.demoBanner')}
          </Alert>
        )}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
