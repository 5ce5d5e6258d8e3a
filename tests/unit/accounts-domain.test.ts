import { describe, expect, it } from 'vitest';
import {
  accountFieldsSchema,
  cleanName,
  contactFieldsSchema,
  isIsoDate,
  nameKey,
  normalizeCurrency,
  normalizeDomain,
  parseDate,
  parseLevel,
  parseMoney,
  sameAmount,
} from '@/server/domain/accounts';

describe('normalizeDomain: one spelling per company, the key for duplicates', () => {
  it.each([
    ['https://www.Acme.com/x', 'acme.com'],
    ['http://acme.com', 'acme.com'],
    ['ACME.COM', 'acme.com'],
    ['www.acme.co.uk/about?ref=1#top', 'acme.co.uk'],
    ['  acme.se  ', 'acme.se'],
    ['acme.se.', 'acme.se'],
    ['https://user:pw@shop.acme.de:8443/cart', 'shop.acme.de'],
    ['www2.globex.com', 'globex.com'],
    ['anna@volvo.se', 'volvo.se'],
    ['//cdn.example.org/x', 'cdn.example.org'],
    ['www.åkerlund.se', 'xn--kerlund-dxa.se'],
    ['mailto:sales@b.com', 'b.com'],
  ])('%j → %s', (raw, expected) => {
    expect(normalizeDomain(raw)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['Acme AB'],
    ['localhost'],
    ['192.168.0.1'],
    ['ftp://acme.com'],
    ['acme'],
    ['acme.c0m'],
    ['-acme.com'],
    ['http://'],
    ['a b@c d'],
  ])('%j is not a domain', (raw) => {
    expect(normalizeDomain(raw)).toBeNull();
  });
});

describe('names', () => {
  it('collapse spaces and compare without case', () => {
    expect(cleanName('  Acme   AB \n')).toBe('Acme AB');
    expect(nameKey('ÅKERLUND  ab')).toBe(nameKey('åkerlund AB'));
  });
});

describe('normalizeCurrency', () => {
  it('accepts ISO codes in any case and unambiguous symbols', () => {
    expect(normalizeCurrency('sek')).toBe('SEK');
    expect(normalizeCurrency(' EUR ')).toBe('EUR');
    expect(normalizeCurrency('€')).toBe('EUR');
    expect(normalizeCurrency('£')).toBe('GBP');
    expect(normalizeCurrency('$')).toBe('USD');
    expect(normalizeCurrency('JPY')).toBe('JPY');
  });

  it('refuses what is not a currency', () => {
    for (const raw of ['', 'kr', 'XYZ', 'EURO', 'SE']) expect(normalizeCurrency(raw)).toBeNull();
  });
});

describe('parseMoney: amounts as people type and export them', () => {
  it.each([
    ['1234567', 1234567, null],
    ['1 234 567,89', 1234567.89, null],
    ['1\u00a0234\u00a0567,89', 1234567.89, null],
    ['1,234,567.89', 1234567.89, null],
    ['1.234.567,89', 1234567.89, null],
    ['1,234,567', 1234567, null],
    ['1.234', 1234, null],
    ['12.5', 12.5, null],
    ['12,50', 12.5, null],
    ["1'000'000", 1000000, null],
    ['$1,200.50', 1200.5, 'USD'],
    ['€ 2.500', 2500, 'EUR'],
    ['SEK 1 000 000', 1000000, 'SEK'],
    ['1000000 NOK', 1000000, 'NOK'],
    ['2,5M', 2500000, null],
    ['1.2m', 1200000, null],
    ['3 MSEK', 3000000, 'SEK'],
    ['500 tkr', 500000, null],
    ['1 000 kr', 1000, null],
    ['kr 1000', 1000, null],
    ['2bn', 2000000000, null],
    ['0', 0, null],
  ])('%j → %d %s', (raw, amount, currency) => {
    expect(parseMoney(raw)).toEqual({ ok: true, amount, currency });
  });

  it.each([['abc'], [''], ['1,2,3'], ['1.2.3,4,5'], ['12.'], ['1e6'], ['N/A']])('%j is not an amount', (raw) => {
    expect(parseMoney(raw)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses negative and absurdly large amounts with their own reason', () => {
    expect(parseMoney('-5000')).toEqual({ ok: false, reason: 'negative' });
    expect(parseMoney('(5 000)')).toEqual({ ok: false, reason: 'negative' });
    expect(parseMoney('99999999999999999')).toEqual({ ok: false, reason: 'tooLarge' });
  });

  it('compares stored amounts in cents', () => {
    expect(sameAmount('1200.00', 1200)).toBe(true);
    expect(sameAmount('1200.00', '1200.01')).toBe(false);
    expect(sameAmount(null, null)).toBe(true);
    expect(sameAmount(null, '0.00')).toBe(false);
  });
});

describe('dates and levels', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2027-12-31')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-13-01')).toBe(false);
    expect(isIsoDate('31/12/2027')).toBe(false);
  });

  it('reads dates as spreadsheets export them', () => {
    expect(parseDate('2027-12-31')).toBe('2027-12-31');
    expect(parseDate('2027/1/5')).toBe('2027-01-05');
    expect(parseDate('2027.12.31')).toBe('2027-12-31');
    expect(parseDate('2027-12-31 00:00:00')).toBe('2027-12-31');
    expect(parseDate('2027-12-31T12:00:00Z')).toBe('2027-12-31');
    expect(parseDate('31/12/2027')).toBeNull();
    expect(parseDate('next year')).toBeNull();
  });

  it('reads levels 1 to 5, written plainly or with a word', () => {
    expect(parseLevel('4')).toBe(4);
    expect(parseLevel('Level 3')).toBe(3);
    expect(parseLevel('L5')).toBe(5);
    expect(parseLevel('nivå 2')).toBe(2);
    expect(parseLevel('4.0')).toBe(4);
    for (const raw of ['0', '6', '3.5', 'high', '']) expect(parseLevel(raw)).toBeNull();
  });
});

describe('accountFieldsSchema: what the form sends and the router stores', () => {
  it('normalises a complete account', () => {
    const parsed = accountFieldsSchema.parse({
      name: '  Acme   AB ',
      domain: 'https://www.Acme.se/om-oss',
      segment: ' Manufacturing ',
      ownerUserId: null,
      annualRevenue: 1200000.456,
      currency: 'sek',
      targetLevel: 4,
      targetDate: '2027-12-31',
      notes: '',
    });
    expect(parsed).toEqual({
      name: 'Acme AB',
      domain: 'acme.se',
      segment: 'Manufacturing',
      ownerUserId: null,
      annualRevenue: 1200000.46,
      currency: 'SEK',
      targetLevel: 4,
      targetDate: '2027-12-31',
      notes: null,
    });
  });

  it('needs nothing but a name', () => {
    expect(accountFieldsSchema.parse({ name: 'Globex' })).toMatchObject({
      name: 'Globex',
      domain: null,
      annualRevenue: null,
      targetLevel: null,
    });
  });

  it('reports each bad field with its own message key', () => {
    const result = accountFieldsSchema.safeParse({
      name: '   ',
      domain: 'not a domain',
      segment: 'x'.repeat(101),
      annualRevenue: -1,
      currency: 'KRONOR',
      targetLevel: 6,
      targetDate: '2027-02-30',
      notes: 'x'.repeat(5001),
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message]));
    expect(messages).toEqual({
      name: 'validation.nameRequired',
      domain: 'validation.domainInvalid',
      segment: 'validation.segmentTooLong',
      annualRevenue: 'validation.revenueNegative',
      currency: 'validation.currencyInvalid',
      targetLevel: 'validation.levelInvalid',
      targetDate: 'validation.dateInvalid',
      notes: 'validation.notesTooLong',
    });
  });

  it('refuses names over 200 characters and fractional levels', () => {
    const result = accountFieldsSchema.safeParse({ name: 'x'.repeat(201), targetLevel: 2.5 });
    expect(result.error!.issues.map((i) => i.message)).toEqual(['validation.accountNameTooLong', 'validation.levelInvalid']);
  });
});

describe('contactFieldsSchema', () => {
  it('lower-cases the email, defaults the buying role, and empties blanks', () => {
    expect(contactFieldsSchema.parse({ name: ' Eva Ek ', email: ' Eva@Acme.SE ', title: '' })).toEqual({
      name: 'Eva Ek',
      email: 'eva@acme.se',
      title: null,
      buyingRole: 'other',
      language: null,
    });
  });

  it('refuses a bad email, an unknown buying role and an unsupported language', () => {
    const result = contactFieldsSchema.safeParse({ name: 'Eva', email: 'eva@', buyingRole: 'boss', language: 'de' });
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['email', 'validation.emailInvalid'],
      ['buyingRole', 'validation.invalid'],
      ['language', 'validation.invalid'],
    ]);
  });
});
