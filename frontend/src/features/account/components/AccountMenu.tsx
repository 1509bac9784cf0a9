import { Avatar, Button, Divider, Popover, Stack, Switch, Text } from '@mantine/core';
import { IconCalendarShare, IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';

import { LanguageSwitcher } from '@/components/LanguageSwitcher';
import { setLanguage } from '@/lib/i18n';
import { signOut } from '@/lib/session';
import { accountLocale, SetMyLocaleMutation, useMe } from '@/lib/session-context';

import { SetMyWeeklyDigestMutation } from '../api/own';

// Opened from the menu now and then: loaded when first opened, not with every page.
const CalendarFeedDialog = lazy(() => import('./CalendarFeedDialog').then((m) => ({ default: m.CalendarFeedDialog })));
const ChangePasswordDialog = lazy(() => import('./ChangePasswordDialog').then((m) => ({ default: m.ChangePasswordDialog })));

/** The language, in the top bar on every page, remembered for the account (and so on every device). */
export function AccountLanguageSwitch() {
  const [, saveLocale] = useMutation(SetMyLocaleMutation);
  const changeLanguage = (code: string) => {
    setLanguage(code);
    const locale = accountLocale(code);
    if (locale) void saveLocale({ locale });
  };
  return <LanguageSwitcher onChange={changeLanguage} />;
}

/**
 * The signed-in account: who and in what role, the calendar link, the password, sign out. A popover, not a menu: it holds text and a language switch, which
 * a `role="menu"` may not.
 */
export function AccountMenu() {
  const { t } = useTranslation();
  const { me } = useMe();
  const [opened, setOpened] = useState(false);
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
      <Popover opened={opened} onChange={setOpened} position="bottom-end" withinPortal trapFocus returnFocus shadow="md" transitionProps={{ duration: 0 }}>
        <Popover.Target>
          <Button
            variant="subtle"
            color="gray"
            rightSection={<IconChevronDown size={14} aria-hidden />}
            aria-label={`${t('account.menu')}: ${me.displayName}`}
            aria-expanded={opened}
            onClick={() => setOpened((o) => !o)}
          >
            <Avatar size="sm" radius="xl" color="blue" aria-hidden>
              {me.displayName.slice(0, 1)}
            </Avatar>
          </Button>
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
