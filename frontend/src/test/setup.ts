import '@testing-library/jest-dom/vitest';

// jsdom lacks these; Mantine reads them.
window.matchMedia ??= (query: string) =>
  ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }) as MediaQueryList;
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

// Components and rules word their messages through i18next: load the language first, as the app
// does before it renders.
await (await import('@/lib/i18n')).i18nReady;
