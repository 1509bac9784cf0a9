import { describe, expect, it } from 'vitest';

import imported from './mantine-styles.ts?raw';

const sources = import.meta.glob<string>(['/src/**/*.{ts,tsx}', '!/src/gql/**', '!/src/**/*.test.*'], { query: '?raw', import: 'default', eager: true });
// Only the names: which of Mantine's components come with a stylesheet of their own.
const stylesheets = Object.keys(import.meta.glob('/node_modules/@mantine/core/styles/*.css', { query: '?url' })).map((file) => file.replace(/^.*\/(\w+)\.css$/, '$1'));

/** Every name imported from '@mantine/core' anywhere in the app. */
function mantineComponents(): Set<string> {
  const names = new Set<string>();
  for (const text of Object.values(sources)) {
    for (const match of text.matchAll(/import\s*\{([^}]+)\}\s*from\s*'@mantine\/core'/g)) {
      for (const name of (match[1] ?? '').split(',').map((n) => n.trim())) {
        if (name && !name.startsWith('type ')) names.add(name);
      }
    }
  }
  return names;
}

describe("Mantine's styles", () => {
  it('are imported for every Mantine component the app uses', () => {
    expect(stylesheets).toContain('Button');
    const used = [...mantineComponents()].filter((name) => stylesheets.includes(name));
    expect(used.length).toBeGreaterThan(20);
    const missing = used.filter((name) => !imported.includes(`'@mantine/core/styles/${name}.css'`));
    expect(missing).toEqual([]);
  });
});
