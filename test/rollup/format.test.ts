import { describe, expect, it } from 'vitest';
import { formatDuration, formatMoney } from '../../src/rollup/index.js';

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [0, '0m'],
    [0.3, '<1m'],
    [0.5, '1m'],
    [48, '48m'],
    [59.4, '59m'],
    [59.5, '1h'],
    [73, '1h 13m'],
    [83, '1h 23m'],
    [120, '2h'],
    [1439, '23h 59m'],
    [1440, '1d'],
    [3060, '2d 3h'],
    [3089, '2d 3h'],
    [3090, '2d 4h'],
    [2 * 1440 + 23 * 60 + 45, '3d'],
    [-5, '-5m'],
  ])('shows %s minutes as %s', (minutes, shown) => {
    expect(formatDuration(minutes)).toBe(shown);
  });
});

describe('formatMoney', () => {
  it.each([
    [15000, 'USD', '$15,000'],
    [623592.5, 'USD', '$623,592.50'],
    [132240, 'EUR', '€132,240'],
    [0.07, 'GBP', '£0.07'],
    [1200, 'JPY', '¥1,200'],
    [1500000, 'CHF', 'CHF 1,500,000'],
  ])('shows %s %s as %s', (amount, currency, shown) => {
    expect(formatMoney(amount, currency).replace(/\u00a0/g, ' ')).toBe(shown);
  });

  it('shows an amount in a malformed currency code with the code as written', () => {
    expect(formatMoney(1500, 'dollars')).toBe('1,500 dollars');
  });
});
