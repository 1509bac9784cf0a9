import { Group } from '@mantine/core';
import { DateInput, DatesProvider, TimePicker, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import 'dayjs/locale/ar-iq';
import 'dayjs/locale/en-gb';
import 'dayjs/locale/he';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { useTranslation } from 'react-i18next';

dayjs.extend(customParseFormat);

/** The calendar's language: month and day names. Arabic uses the Levantine month names
 * (كانون الثاني…) and Western digits, as written in Israel. */
const CALENDAR_LOCALE: Record<string, string> = { he: 'he', en: 'en-gb', ar: 'ar-iq' };

/**
 * The calendar as in Israel: weeks start on Sunday, the weekend is Friday and Saturday. Set here,
 * around the date fields, rather than around the app: the calendar and dayjs load with the first
 * page that has a date to pick, not with the first page.
 */
function IsraeliCalendar({ children }: { children: React.ReactNode }) {
  const { i18n } = useTranslation();
  return <DatesProvider settings={{ locale: CALENDAR_LOCALE[i18n.language] ?? 'he', firstDayOfWeek: 0, weekendDays: [5, 6] }}>{children}</DatesProvider>;
}

/** What people type: day first, as dates are written in Israel in every language (7/12/2026,
 * 07.12.26), or the ISO form. */
const DAY_FIRST = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})$/;

/** A typed date as `YYYY-MM-DD`, or null when it is not a day of the calendar. */
export function parseTypedDate(text: string): string | null {
  const typed = text.trim();
  const [, day, month, year] = DAY_FIRST.exec(typed) ?? [];
  const pad = (part: string) => part.padStart(2, '0');
  const iso = day && month && year ? `${year.length === 2 ? `20${year}` : year}-${pad(month)}-${pad(day)}` : typed;
  return dayjs(iso, 'YYYY-MM-DD', true).isValid() ? iso : null;
}

type DateFieldProps = Omit<DateInputProps, 'value' | 'onChange' | 'minDate' | 'maxDate'> & {
  /** `YYYY-MM-DD`, or '' for none — what a native date input gave, so forms keep their values. */
  value?: string;
  onChange?: (value: string) => void;
  min?: string;
  max?: string;
};

/**
 * A date shown and typed as dd/mm/yyyy in every language (a browser's own date input follows
 * the browser's locale, not the page's: mm/dd/yyyy in a Hebrew page), with a calendar to pick
 * from. The value stays `YYYY-MM-DD`.
 */
export function DateField({ value, onChange, min, max, ...rest }: DateFieldProps) {
  const { t } = useTranslation();
  return (
    <IsraeliCalendar>
      <DateInput
        valueFormat="DD/MM/YYYY"
        placeholder="dd/mm/yyyy"
        dateParser={parseTypedDate}
        value={value || null}
        onChange={(next) => onChange?.(next ?? '')}
        minDate={min || undefined}
        maxDate={max || undefined}
        clearable={!rest.required}
        clearButtonProps={{ 'aria-label': t('app.clearDate') }}
        {...rest}
      />
    </IsraeliCalendar>
  );
}

type DateTimeFieldProps = {
  label: string;
  /** `YYYY-MM-DDTHH:mm` in local time, or '' — what a native datetime input gave. */
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  error?: React.ReactNode;
};

/** A day (dd/mm/yyyy) and a 24-hour time, for a meeting's start. */
export function DateTimeField({ label, value, onChange, required, error }: DateTimeFieldProps) {
  const { t } = useTranslation();
  const [day = '', time = ''] = value.split('T');
  const join = (nextDay: string, nextTime: string) => onChange(nextDay ? `${nextDay}T${(nextTime || '00:00').slice(0, 5)}` : '');
  return (
    <Group align="flex-start" grow wrap="nowrap">
      <DateField label={label} required={required} value={day} onChange={(next) => join(next, time)} error={error} />
      <IsraeliCalendar>
        <TimePicker
          label={t('app.time')}
          format="24h"
          required={required}
          value={time}
          onChange={(next) => join(day, next)}
          hoursInputLabel={t('app.hours')}
          minutesInputLabel={t('app.minutes')}
        />
      </IsraeliCalendar>
    </Group>
  );
}
