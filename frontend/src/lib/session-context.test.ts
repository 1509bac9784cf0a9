import { describe, expect, it } from 'vitest';

import { homePath, type Me } from './session-context';

function me(overrides: Partial<Me>): Me {
  return { id: '1', email: 'a@b.org', displayName: 'A', systemRole: 'NONE', locale: 'HE', region: null, towns: [], ...overrides } as Me;
}

const town = (id: string, roles: Me['towns'][number]['roles']) => ({ roles, town: { id, nameHe: 'א', nameEn: 'A' } });

describe('homePath', () => {
  it('lands town roles on their town, coordinators on their region, others on all towns', () => {
    expect(homePath(me({ towns: [town('7', ['REFERENT'])] }))).toBe('/towns/7');
    expect(homePath(me({ systemRole: 'REGIONAL_COORDINATOR', region: { id: '2', nameHe: 'דרום', nameEn: 'South' } }))).toBe('/regions/2');
    expect(homePath(me({ systemRole: 'NATIONAL' }))).toBe('/towns');
    expect(homePath(me({ systemRole: 'ADMIN' }))).toBe('/towns');
  });
});

