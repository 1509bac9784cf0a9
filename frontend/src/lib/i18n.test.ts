import { describe, expect, it } from 'vitest';

import en from '@/locales/en.json';
import he from '@/locales/he.json';

import i18n, { languages, setLanguage } from './i18n';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('i18n', () => {
  it('finds every locale file, Hebrew right-to-left and English left-to-right', () => {
    expect(languages.he?.dir).toBe('rtl');
    expect(languages.en?.dir).toBe('ltr');
  });

  it('has the same keys in every language', () => {
    expect(keys(en).sort()).toEqual(keys(he).sort());
  });

  it('sets the document direction and language when switching', async () => {
    setLanguage('en');
    await i18n.changeLanguage('en');
    expect(document.documentElement.dir).toBe('ltr');
    expect(document.documentElement.lang).toBe('en');
    setLanguage('he');
    await i18n.changeLanguage('he');
    expect(document.documentElement.dir).toBe('rtl');
    expect(localStorage.getItem('workit.language')).toBe('he');
  });
});
