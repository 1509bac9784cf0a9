import { useTranslation } from 'react-i18next';

import { languageMeta } from '@/lib/i18n';

/** Dates, numbers and quarters in the user's language (he-IL / en-GB / ar-IL), via Intl. */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const locale = languageMeta(i18n.language).intl;
  return {
    locale,
    date(iso: string | null | undefined): string {
      if (!iso) return '';
      const date = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
      return Number.isNaN(date.getTime()) ? '' : new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
    },
    number(value: number | null | undefined): string {
      return value == null ? '' : new Intl.NumberFormat(locale).format(value);
    },
    quarter(year: number, quarter: number): string {
      const label = new Intl.NumberFormat(locale).format(quarter);
      return t('app.quarter', { quarter: label, year });
    },
    list(items: string[]): string {
      return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
    },
  };
}
