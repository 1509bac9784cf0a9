import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Every file in src/locales is a language: adding `ar.json` (with `_meta.dir: "rtl"`) adds
 * Arabic to the switcher, the direction handling and the date formats, with no code change.
 */
type LocaleMeta = { name: string; dir: 'rtl' | 'ltr'; intl: string };
type LocaleFile = { _meta: LocaleMeta } & Record<string, unknown>;

const files = import.meta.glob<LocaleFile>('../locales/*.json', { eager: true, import: 'default' });

export const languages: Record<string, LocaleMeta> = {};
const resources: Record<string, { translation: Record<string, unknown> }> = {};
for (const [path, file] of Object.entries(files)) {
  const code = path.replace(/^.*\/(\w+)\.json$/, '$1');
  languages[code] = file._meta;
  resources[code] = { translation: file };
}

export const DEFAULT_LANGUAGE = 'he';
const STORAGE_KEY = 'workit.language';

export function languageMeta(code: string): LocaleMeta {
  return languages[code] ?? languages[DEFAULT_LANGUAGE] ?? { name: code, dir: 'ltr', intl: code };
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

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});
applyToDocument(i18n.language);

export default i18n;
