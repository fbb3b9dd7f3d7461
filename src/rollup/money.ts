import { compareText } from './order.js';

export interface Money {
  amount: number;
  currency: string;
}

/** Totals by currency code, never added across currencies. */
export type RevenueByCurrency = Record<string, number>;

/**
 * Sums amounts per currency, as decimals: 0.1 + 0.2 is 0.3 here, not 0.30000000000000004, and the
 * total does not depend on the order of the postmortems. Currencies are listed by code.
 */
export function sumByCurrency(amounts: Iterable<Money>): RevenueByCurrency {
  const byCurrency = new Map<string, number[]>();
  for (const { amount, currency } of amounts) {
    const values = byCurrency.get(currency);
    if (values) values.push(amount);
    else byCurrency.set(currency, [amount]);
  }
  return Object.fromEntries(
    [...byCurrency].sort(([a], [b]) => compareText(a, b)).map(([currency, values]) => [currency, decimalSum(values)]),
  );
}

/** A number as written in its shortest form, exactly: `coefficient` × 10^-`scale`. */
interface Decimal {
  coefficient: bigint;
  scale: number;
}

function toDecimal(value: number): Decimal {
  const [mantissa = '0', exponentText = '0'] = String(value).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const coefficient = BigInt(whole + fraction);
  const exponent = Number(exponentText) - fraction.length;
  return exponent >= 0 ? { coefficient: coefficient * 10n ** BigInt(exponent), scale: 0 } : { coefficient, scale: -exponent };
}

/** The exact decimal sum, rounded once to the nearest number. */
function decimalSum(values: readonly number[]): number {
  const decimals = values.map(toDecimal);
  const scale = Math.max(0, ...decimals.map((decimal) => decimal.scale));
  const total = decimals.reduce((sum, decimal) => sum + decimal.coefficient * 10n ** BigInt(scale - decimal.scale), 0n);
  const digits = (total < 0n ? -total : total).toString().padStart(scale + 1, '0');
  const point = digits.length - scale;
  return Number(`${total < 0n ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point)}`);
}
