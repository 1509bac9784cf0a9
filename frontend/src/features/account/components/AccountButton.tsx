import { Button } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import type { ComponentPropsWithRef } from 'react';
import { useTranslation } from 'react-i18next';

import { useMe } from '@/lib/session-context';

/**
 * The button that opens the account menu. The shell draws it at once; the menu (a popover and
 * what positions it) loads just after the first page, and until then the button is there but not
 * yet enabled.
 */
export function AccountButton({ opened = false, ...rest }: { opened?: boolean } & ComponentPropsWithRef<'button'>) {
  const { t } = useTranslation();
  const { me } = useMe();
  return (
    <Button
      variant="subtle"
      color="gray"
      rightSection={<IconChevronDown size={14} aria-hidden />}
      aria-label={`${t('account.menu')}: ${me.displayName}`}
      aria-expanded={opened}
      {...rest}
    >
      {/* The initial in a circle (global.css): Mantine's Avatar would be 1 KB more of the first download. */}
      <span className="account-initial" aria-hidden>
        {me.displayName.slice(0, 1)}
      </span>
    </Button>
  );
}
