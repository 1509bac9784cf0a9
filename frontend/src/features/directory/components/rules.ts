import type { TFunction } from 'i18next';

import { fieldMessage } from '@/lib/errors';

/**
 * The same rules the server applies (workit-domain's validation), checked as the user types so
 * most mistakes never make a round trip. The server stays the authority.
 */
export function rules(t: TFunction) {
  const tooLong = (value: string, max: number) => (value.trim().length > max ? fieldMessage(t, 'too_long', { max: String(max) }) : null);
  return {
    required: (max: number) => (value: string) => (value.trim() ? tooLong(value, max) : fieldMessage(t, 'required')),
    optional: (max: number) => (value: string) => tooLong(value, max),
    choice: (value: string | null) => (value ? null : fieldMessage(t, 'required')),
    url: (value: string) => {
      const v = value.trim();
      return !v || /^https?:\/\/\S+$/.test(v) ? tooLong(v, 2000) : fieldMessage(t, 'invalid_url');
    },
    email: (value: string) => {
      const v = value.trim();
      return !v || /^[^\s@]+@[^\s@.][^\s@]*\.[^\s@]+$/.test(v) ? null : fieldMessage(t, 'invalid_email');
    },
    phone: (value: string) => {
      const v = value.trim();
      const digits = v.replace(/\D/g, '').length;
      return !v || (/^[\d\s+\-()]+$/.test(v) && digits >= 7 && digits <= 15) ? null : fieldMessage(t, 'invalid_phone');
    },
  };
}

/** Optional text the server wants as null when blank. */
export function blankToNull(value: string): string | null {
  return value.trim() ? value.trim() : null;
}
