import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { languages } from '@/lib/i18n';

/** One click to the other language; every language file in src/locales appears here. */
export function LanguageSwitcher({ onChange }: { onChange: (code: string) => void }) {
  const { t, i18n } = useTranslation();
  // On a phone the short name shows and the full one stays the option's accessible name.
  const data = Object.entries(languages).map(([code, meta]) => ({
    value: code,
    label: (
      <span lang={code}>
        <span className="language-short" aria-hidden>
          {meta.short}
        </span>
        <span className="language-full">{meta.name}</span>
      </span>
    ),
  }));
  return (
    <SegmentedControl
      aria-label={t('account.language')}
      size="xs"
      value={i18n.language}
      onChange={onChange}
      data={data}
    />
  );
}
