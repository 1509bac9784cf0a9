import { expect, it, vi } from 'vitest';

// Its own file: the test starts the i18n module afresh, as a page load does, and the other
// tests need the instance the setup file loaded.
it('names the language and direction of the page before the words arrive', async () => {
  localStorage.setItem('workit.language', 'en');
  document.documentElement.lang = '';
  document.documentElement.dir = '';
  vi.resetModules();
  await import('./i18n');
  // Read before any locale file has loaded: screen readers and axe read it from the first paint.
  expect({ lang: document.documentElement.lang, dir: document.documentElement.dir }).toEqual({ lang: 'en', dir: 'ltr' });
});
