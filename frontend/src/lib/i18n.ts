import i18n from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';

/**
 * The languages the app speaks. Each has its words in `src/locales/<code>.json`, whose `_meta`
 * repeats this entry (the server reads the files too; a unit test keeps the two equal). Only
 * this list is in the first bundle: a language's words load when it is used, so a Hebrew reader
 * does not download the English and Arabic texts.
 */
/** `short`: the switch's label on a phone, where the top bar has no room for three names. */
type LocaleMeta = { name: string; short: string; dir: 'rtl' | 'ltr'; intl: string };

export const languages: Record<string, LocaleMeta> = {
  he: { name: 'עברית', short: 'עב', dir: 'rtl', intl: 'he-IL' },
  en: { name: 'English', short: 'EN', dir: 'ltr', intl: 'en-GB' },
  // Western digits, as Arabic is written in Israel's public services.
  ar: { name: 'العربية', short: 'عر', dir: 'rtl', intl: 'ar-IL-u-nu-latn' },
};

const texts = import.meta.glob<Record<string, unknown>>('../locales/*.json', { import: 'default' });
const loaders: Record<string, () => Promise<Record<string, unknown>>> = Object.fromEntries(
  Object.entries(texts).map(([path, load]) => [path.replace(/^.*\/(\w+)\.json$/, '$1'), load]),
);

export const DEFAULT_LANGUAGE = 'he';

const RIGHT_TO_LEFT_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const LEFT_TO_RIGHT_LETTER = /[A-Za-z\u00C0-\u024F]/;

/**
 * Text written in the other direction (a Hebrew name in an English line, an English title in a
 * Hebrew or Arabic one) wrapped in Unicode isolates, so it keeps its own order and leaves the
 * sentence's punctuation, numbers and dates where they belong. Text of the line's own direction
 * is left as it is.
 */
export function isolateForeign(value: string, dir: 'rtl' | 'ltr'): string {
  const foreign = dir === 'rtl' ? LEFT_TO_RIGHT_LETTER : RIGHT_TO_LEFT_LETTER;
  return foreign.test(value) ? `\u2068${value}\u2069` : value;
}
const STORAGE_KEY = 'workit.language';

export function languageMeta(code: string): LocaleMeta {
  return languages[code] ?? languages[DEFAULT_LANGUAGE] ?? { name: code, short: code, dir: 'ltr', intl: code };
}

function storedLanguage(): string {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored && languages[stored]) return stored;
  } catch {
    // Storage may be unavailable (private mode); the default applies.
  }
  return DEFAULT_LANGUAGE;
}

function applyToDocument(code: string) {
  const meta = languageMeta(code);
  document.documentElement.lang = code;
  document.documentElement.dir = meta.dir;
}

export function setLanguage(code: string) {
  if (!languages[code]) return;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Not remembered on this device; the account still remembers it on the server.
  }
  void i18n.changeLanguage(code);
}

i18n.on('languageChanged', applyToDocument);

const firstLanguage = storedLanguage();

/** Resolves once the first language's words are loaded: render after it, so no key flashes. */
export const i18nReady = i18n
  .use(resourcesToBackend((language: string) => loaders[language]?.() ?? Promise.reject(new Error(`no locale ${language}`))))
  .use(initReactI18next)
  .init({
    lng: firstLanguage,
    fallbackLng: DEFAULT_LANGUAGE,
    // React escapes markup itself; what i18next "escapes" here is direction: every value put
    // into a sentence ({{name}}, {{title}}) is isolated when it is written the other way.
    interpolation: { escapeValue: true, escape: (value: string) => isolateForeign(value, languageMeta(i18n.language).dir) },
    returnNull: false,
    showSupportNotice: false,
    // Plural forms follow each language's rules (Intl.PluralRules): `_one`, `_two`, `_few`, …
    // as its locale file provides them.
  });
// Not `i18n.language`: it is unset until the words arrive, and the page (read by screen readers
// and by axe) must name its language from the first moment.
applyToDocument(firstLanguage);

export default i18n;
