import { describe, expect, it } from 'vitest';
import {
  contactKind,
  CONTACT_KINDS,
  signalLink,
  smsLink,
  telegramLink,
  telLink,
  threemaLink,
  toE164,
  whatsappLink,
} from './contact-links.ts';

describe('numbers in E.164', () => {
  it.each([
    ['030 1234567', '+49301234567'],
    ['0151 / 234 567 89', '+4915123456789'],
    ['+49 30 1234567', '+49301234567'],
    ['+49 (0)30 1234567', '+49301234567'],
    ['0049 30-123 4567', '+49301234567'],
    ['+43 1 2345678', '+4312345678'],
    ['(030) 123 45 67', '+49301234567'],
  ])('%s → %s', (input, e164) => {
    expect(toE164(input)).toBe(e164);
  });

  it.each([
    '',
    '110',
    '1234567',
    'ABC',
    '+0 30 123456',
    'javascript:alert(1)',
    '030 1234567 ext. 5',
    '+49 1234567890123456',
  ])('refuses %j', (input) => {
    expect(toE164(input)).toBeNull();
  });
});

describe('messenger links', () => {
  it('Signal: signal.me with the number in E.164', () => {
    expect(signalLink('0151 23456789')).toBe('https://signal.me/#p/+4915123456789');
    expect(signalLink('not a number')).toBeNull();
  });

  it('WhatsApp: wa.me with the digits only', () => {
    expect(whatsappLink('+49 151 23456789')).toBe('https://wa.me/4915123456789');
    expect(whatsappLink('0151')).toBeNull();
  });

  it('Telegram: a username or a number', () => {
    expect(telegramLink('@beratung_leipzig')).toBe('https://t.me/beratung_leipzig');
    expect(telegramLink('BeratungLeipzig')).toBe('https://t.me/BeratungLeipzig');
    expect(telegramLink('0151 23456789')).toBe('https://t.me/+4915123456789');
    expect(telegramLink('ab')).toBeNull();
    expect(telegramLink('@evil/../x')).toBeNull();
    expect(telegramLink('https://evil.example')).toBeNull();
  });

  it('Threema: the eight-character ID, upper case', () => {
    expect(threemaLink('abcd1234')).toBe('https://threema.id/ABCD1234');
    expect(threemaLink('*GATEWAY')).toBe('https://threema.id/*GATEWAY');
    expect(threemaLink('ABCD123')).toBeNull();
    expect(threemaLink('ABCD/234')).toBeNull();
  });

  it('calls and texts: tel: and sms:', () => {
    expect(telLink('030 123 456')).toBe('tel:030123456');
    expect(telLink('+49 30 123456')).toBe('tel:+4930123456');
    expect(telLink('—')).toBeNull();
    expect(smsLink('0151 23456789')).toBe('sms:+4915123456789');
  });
});

describe('the contact kinds', () => {
  it('knows every messenger and every HSDS phone type', () => {
    for (const type of [
      'voice',
      'cell',
      'text',
      'fax',
      'video',
      'pager',
      'textphone',
      'signal',
      'whatsapp',
      'telegram',
      'threema',
    ])
      expect(CONTACT_KINDS[type], type).toBeDefined();
    expect(contactKind('signal').action).toBe('messenger');
    expect(contactKind('voice').action).toBe('call');
    expect(contactKind('fax').href('030 123456')).toBeNull();
  });

  it('shows a type it does not know as a number to read, never as a link', () => {
    const k = contactKind('carrier_pigeon');
    expect(k.action).toBe('read');
    expect(k.href('030 123456')).toBeNull();
  });
});
