import { describe, expect, it } from 'vitest';
import { isValidDay } from '../src/time.js';

/** A day exists when the calendar gives it back as written. */
function existsInCalendar(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

describe('isValidDay', () => {
  it('accepts exactly the days the calendar has, leap days included', () => {
    const two = (number: number) => String(number).padStart(2, '0');
    let accepted = 0;
    for (const year of ['0000', '1900', '1999', '2000', '2023', '2024', '2026', '2100', '2400', '9999']) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const value = `${year}-${two(month)}-${two(day)}`;
          expect(isValidDay(value), value).toBe(existsInCalendar(value));
          if (isValidDay(value)) accepted++;
        }
      }
    }
    // 365 days in each of six years, 366 in each of four leap years (0000, 2000, 2024, 2400).
    expect(accepted).toBe(6 * 365 + 4 * 366);
  });

  it.each(['2026-3-04', '2026-03-04T00:00:00Z', ' 2026-03-04', '２０２６-03-04', 20260304, null])('refuses %j', (value) => {
    expect(isValidDay(value)).toBe(false);
  });
});
