import { describe, expect, it } from 'vitest';

import { parseTypedDate } from './DateField';

describe('typed dates', () => {
  it('read day first, as dates are written in Israel, with any usual separator', () => {
    expect(parseTypedDate('7/12/2026')).toBe('2026-12-07');
    expect(parseTypedDate('07.12.2026')).toBe('2026-12-07');
    expect(parseTypedDate(' 31-01-2027 ')).toBe('2027-01-31');
  });

  it('accept the ISO form and refuse what is not a day', () => {
    expect(parseTypedDate('2026-12-07')).toBe('2026-12-07');
    expect(parseTypedDate('31/02/2026')).toBeNull();
    expect(parseTypedDate('12/31/2026')).toBeNull();
    expect(parseTypedDate('tomorrow')).toBeNull();
  });
});
