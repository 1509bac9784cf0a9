import { describe, expect, it } from 'vitest';

import generated from '../gql/graphql.ts?raw';

// Each feature's declarations of what its mutations change (ADR 0015).
const declarations = import.meta.glob<Record<string, unknown>>('/src/features/*/api/changes.ts', { eager: true });
const schemaTypes = new Set([...generated.matchAll(/__typename\?: '(\w+)'/g)].map((match) => match[1]));

describe('what mutations declare they change', () => {
  it("names only the schema's types, so no misspelt name leaves a page stale", () => {
    expect(Object.keys(declarations).length).toBeGreaterThan(5);
    expect(schemaTypes).toContain('StrategicFocus');
    const unknown = Object.entries(declarations).flatMap(([file, exports]) =>
      Object.entries(exports).flatMap(([name, value]) => {
        const typenames = (value as { additionalTypenames?: string[] }).additionalTypenames ?? [];
        expect(typenames.length, `${file}: ${name}`).toBeGreaterThan(0);
        return typenames.filter((typename) => !schemaTypes.has(typename)).map((typename) => `${file}: ${name}: ${typename}`);
      }),
    );
    expect(unknown).toEqual([]);
  });
});
