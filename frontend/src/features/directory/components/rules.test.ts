import { beforeAll, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';

import { blankToNull, rules } from './rules';

describe('directory rules', () => {
  const check = rules(i18n.getFixedT('en'));
  beforeAll(() => i18n.loadLanguages('en'));

  it('require a name within its length', () => {
    expect(check.required(5)('  ')).toBe('This field is required.');
    expect(check.required(5)('abcdef')).toBe('At most 5 characters.');
    expect(check.required(5)('קריית')).toBeNull();
  });

  it('accept only web addresses, e-mails and phones of the server’s shape', () => {
    expect(check.url('ftp://x')).toBe('Not a valid web address (start with https://).');
    expect(check.url('https://example.org')).toBeNull();
    expect(check.url('')).toBeNull();
    expect(check.email('dana@')).toBe('Not a valid e-mail address.');
    expect(check.email('dana@example.org')).toBeNull();
    expect(check.phone('call me')).toBe('Not a valid phone number.');
    expect(check.phone('+972 4-690 0000')).toBeNull();
  });

  it('send blank optional text as null', () => {
    expect(blankToNull('   ')).toBeNull();
    expect(blankToNull(' x ')).toBe('x');
  });
});
