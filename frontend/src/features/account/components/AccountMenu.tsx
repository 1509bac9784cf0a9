import { Button, Divider, Popover, Stack, Switch, Text } from '@mantine/core';
import { IconCalendarShare, IconKey, IconLogout } from '@tabler/icons-react';
import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';

import { signOut } from '@/lib/session';
import { useMe } from '@/lib/session-context';

import { SetMyWeeklyDigestMutation } from '../api/own';
import { AccountButton } from './AccountButton';

// Opened from the menu now and then: loaded when first opened, not with every page.
const CalendarFeedDialog = lazy(() => import('./CalendarFeedDialog').then((m) => ({ default: m.CalendarFeedDialog })));
const ChangePasswordDialog = lazy(() => import('./ChangePasswordDialog').then((m) => ({ default: m.ChangePasswordDialog })));

/**
 * The signed-in account: who and in what role, the calendar link, the password, sign out. A
 * popover, not a menu: it holds text and a switch, which a `role="menu"` may not.
 */
export function AccountMenu({ initiallyOpened = false }: { initiallyOpened?: boolean }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const [opened, setOpened] = useState(initiallyOpened);
  const button = useRef<HTMLButtonElement>(null);
  const [feedOpen, setFeedOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const isChair = me.towns.some((g) => g.roles.includes('CHAIR'));
  const [weeklyDigest, setWeeklyDigest] = useState(me.weeklyDigest);
  const [, saveWeeklyDigest] = useMutation(SetMyWeeklyDigestMutation);
  const changeWeeklyDigest = async (on: boolean) => {
    setWeeklyDigest(on);
    const result = await saveWeeklyDigest({ on });
    if (result.error) setWeeklyDigest(!on);
  };
  const roles = me.systemRole !== 'NONE' ? [t(`roles.${me.systemRole}`)] : [...new Set(me.towns.flatMap((g) => g.roles))].map((r) => t(`roles.${r}`));

  return (
    <>
      {/* Focus goes back to the button on close; opened as it loaded (`initiallyOpened`), the button
          that had focus before is gone, so Mantine's `returnFocus` alone would leave it nowhere. */}
      <Popover opened={opened} onChange={setOpened} onClose={() => button.current?.focus()} position="bottom-end" withinPortal trapFocus returnFocus shadow="md" transitionProps={{ duration: 0 }}>
        <Popover.Target>
          <AccountButton ref={button} opened={opened} onClick={() => setOpened((o) => !o)} />
        </Popover.Target>
        <Popover.Dropdown role="dialog" aria-label={t('account.menu')}>
          <Stack gap="xs" miw={240}>
            <Stack gap={2}>
              <Text fw={600}>{me.displayName}</Text>
              <Text size="xs" c="dimmed" dir="ltr" ta="start">
                {me.email}
              </Text>
              <Text size="xs">{roles.join(', ')}</Text>
            </Stack>
            <Divider />
            <Button
              variant="subtle"
              justify="flex-start"
              leftSection={<IconCalendarShare size={16} aria-hidden />}
              onClick={() => {
                setOpened(false);
                setFeedOpen(true);
              }}
            >
              {t('calendarFeed.title')}
            </Button>
            <Button
              variant="subtle"
              justify="flex-start"
              leftSection={<IconKey size={16} aria-hidden />}
              onClick={() => {
                setOpened(false);
                setPasswordOpen(true);
              }}
            >
              {t('password.change')}
            </Button>
            {isChair && (
              <Switch
                label={t('account.weeklyDigest')}
                description={t('account.weeklyDigestHint')}
                checked={weeklyDigest}
                onChange={(event) => void changeWeeklyDigest(event.currentTarget.checked)}
              />
            )}
            <Button variant="subtle" color="red" justify="flex-start" leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut()}>
              {t('auth.signOut')}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
      <Suspense fallback={null}>
        {feedOpen && <CalendarFeedDialog hasFeed={me.hasCalendarFeed} onClose={() => setFeedOpen(false)} />}
        {passwordOpen && <ChangePasswordDialog onClose={() => setPasswordOpen(false)} />}
      </Suspense>
    </>
  );
}
