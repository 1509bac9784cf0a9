import { describe, expect, it } from 'vitest';

import i18n, { i18nReady, languages, setLanguage } from './i18n';

const files = import.meta.glob<Record<string, unknown>>('../locales/*.json', { eager: true, import: 'default' });
const locales = Object.fromEntries(
  Object.entries(files).map(([path, file]) => [path.replace(/^.*\/(\w+)\.json$/, '$1'), file]),
);

const PLURAL = /_(zero|one|two|few|many|other)$/;

function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** The keys a language must have: plural forms count as their base key. */
function baseKeys(file: Record<string, unknown>): string[] {
  return [...new Set(leaves(file).map(([key]) => key.replace(PLURAL, '')))].filter((k) => !k.startsWith('_meta')).sort();
}

describe('i18n', () => {
  it('loads only the language in use', async () => {
    await i18nReady;
    expect(i18n.hasResourceBundle(i18n.language, 'translation')).toBe(true);
    expect(Object.keys(languages).filter((code) => i18n.hasResourceBundle(code, 'translation')).length).toBeLessThan(Object.keys(languages).length);
  });

  it('lists every locale file as a language, as the file describes itself', () => {
    expect(Object.keys(languages).sort()).toEqual(Object.keys(locales).sort());
    for (const [code, file] of Object.entries(locales)) expect(languages[code], code).toEqual((file as { _meta: unknown })._meta);
  });

  it('speaks Hebrew and Arabic right-to-left, English left-to-right', () => {
    expect(Object.keys(languages).sort()).toEqual(['ar', 'en', 'he']);
    expect(languages.he?.dir).toBe('rtl');
    expect(languages.ar?.dir).toBe('rtl');
    expect(languages.en?.dir).toBe('ltr');
  });

  it.each(Object.keys(locales).filter((code) => code !== 'he'))('has every key of Hebrew in %s, and no other', (code) => {
    const he = locales.he as Record<string, unknown>;
    expect(baseKeys(locales[code] as Record<string, unknown>)).toEqual(baseKeys(he));
  });

  it.each(Object.keys(locales))('words every plural of %s in each form its language needs', (code) => {
    const file = locales[code] as Record<string, unknown>;
    const needed = new Intl.PluralRules(languages[code]?.intl).resolvedOptions().pluralCategories;
    const keys = leaves(file).map(([key]) => key);
    const plurals = [...new Set(keys.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')))];
    expect(plurals.length).toBeGreaterThan(0);
    for (const base of plurals) {
      expect(needed.map((form) => `${base}_${form}`).filter((k) => !keys.includes(k)), base).toEqual([]);
    }
  });

  it.each(Object.keys(locales))('leaves no text of %s empty but the deliberate blanks', (code) => {
    const blanks = leaves(locales[code]).filter(([, text]) => text === '').map(([key]) => key);
    expect(blanks.every((key) => key === 'roles.NONE' || key.startsWith('metrics.unitsShort.'))).toBe(true);
  });

  it('counts by Arabic rules: one, two, few (3–10), many (11–99)', async () => {
    await i18n.loadLanguages(['ar', 'en', 'he']);
    const t = i18n.getFixedT('ar');
    expect(t('towns.count', { count: 1 })).toBe('بلدة واحدة');
    expect(t('towns.count', { count: 2 })).toBe('بلدتان');
    expect(t('towns.count', { count: 3 })).toBe('3 بلدات');
    expect(t('towns.count', { count: 11 })).toBe('11 بلدة');
    expect(i18n.getFixedT('en')('towns.count', { count: 1 })).toBe('1 town');
    expect(i18n.getFixedT('he')('towns.count', { count: 2 })).toBe('שני יישובים');
  });

  it('isolates a value written the other way in a sentence, and only such a value', async () => {
    await i18n.loadLanguages(['en', 'he']);
    await i18n.changeLanguage('en');
    expect(i18n.t('minutes.approvedBy', { name: '(הדגמה) יו"ר הפורום', date: '1 Dec 2026' })).toBe('Approved by \u2068(הדגמה) יו"ר הפורום\u2069 on 1 Dec 2026.');
    await i18n.changeLanguage('he');
    expect(i18n.t('minutes.correction', { reason: 'Typo in a name' })).toBe('תיקון: \u2068Typo in a name\u2069');
    expect(i18n.t('minutes.correction', { reason: 'שם שגוי' })).toBe('תיקון: שם שגוי');
  });

  it('sets the document direction and language when switching', async () => {
    setLanguage('en');
    await i18n.changeLanguage('en');
    expect(document.documentElement.dir).toBe('ltr');
    expect(document.documentElement.lang).toBe('en');
    setLanguage('ar');
    await i18n.changeLanguage('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    setLanguage('he');
    await i18n.changeLanguage('he');
    expect(document.documentElement.dir).toBe('rtl');
    expect(localStorage.getItem('workit.language')).toBe('he');
  });
});
