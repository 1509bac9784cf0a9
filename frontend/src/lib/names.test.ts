import { describe, expect, it } from 'vitest';
import { localName } from './names';

const safed = { nameHe: 'צפת', nameEn: 'Safed', nameAr: 'صفد' };

describe('localName', () => {
  it('names a place in the language of the UI', () => {
    expect(localName(safed, 'he')).toBe('צפת');
    expect(localName(safed, 'en')).toBe('Safed');
    expect(localName(safed, 'ar')).toBe('صفد');
  });

  it('gives Arabic readers the Hebrew name of a place without an Arabic one', () => {
    expect(localName({ ...safed, nameAr: null }, 'ar')).toBe('צפת');
    expect(localName({ nameHe: 'צפת', nameEn: 'Safed' }, 'ar')).toBe('צפת');
  });

  it('is empty for no place', () => {
    expect(localName(null, 'ar')).toBe('');
  });
});
