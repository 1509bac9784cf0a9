import { useMutation } from 'urql';

import { LanguageSwitcher } from '@/components/LanguageSwitcher';
import { setLanguage } from '@/lib/i18n';
import { accountLocale, SetMyLocaleMutation } from '@/lib/session-context';

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
