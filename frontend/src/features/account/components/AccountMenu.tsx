import { Avatar, Button, Menu, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';

import { LanguageSwitcher } from '@/components/LanguageSwitcher';
import { setLanguage } from '@/lib/i18n';
import { signOut } from '@/lib/session';
import { accountLocale, SetMyLocaleMutation, useMe } from '@/lib/session-context';

/** The signed-in account: who and in what role, the language (remembered per account), sign out. */
export function AccountMenu() {
  const { t } = useTranslation();
  const { me } = useMe();
  const [, saveLocale] = useMutation(SetMyLocaleMutation);
  const roles = me.systemRole !== 'NONE' ? [t(`roles.${me.systemRole}`)] : [...new Set(me.towns.flatMap((g) => g.roles))].map((r) => t(`roles.${r}`));

  const changeLanguage = (code: string) => {
    setLanguage(code);
    const locale = accountLocale(code);
    if (locale) void saveLocale({ locale });
  };

  return (
    <Menu position="bottom-end" withinPortal closeOnItemClick={false}>
      <Menu.Target>
        <Button variant="subtle" color="gray" rightSection={<IconChevronDown size={14} aria-hidden />} aria-label={`${t('account.menu')}: ${me.displayName}`}>
          <Avatar size="sm" radius="xl" color="blue" aria-hidden>
            {me.displayName.slice(0, 1)}
          </Avatar>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Stack gap={2} p="xs">
          <Text fw={600}>{me.displayName}</Text>
          <Text size="xs" c="dimmed" dir="ltr" ta="start">
            {me.email}
          </Text>
          <Text size="xs">{roles.join(', ')}</Text>
        </Stack>
        <Menu.Divider />
        <Menu.Label>{t('account.language')}</Menu.Label>
        <Stack p="xs" pt={0}>
          <LanguageSwitcher onChange={changeLanguage} />
        </Stack>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut()}>
          {t('auth.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
