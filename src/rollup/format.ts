const minutesPerHour = 60;
const hoursPerDay = 24;

/**
 * A duration for people: `45m`, `1h 23m`, `2d 3h` (days show hours, rounded to the nearest hour),
 * `<1m` for under half a minute, `—` when unknown. A zero lower unit is left off (`2h`, `3d`).
 */
export function formatDuration(minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes)) return '—';
  if (minutes < 0) return `-${formatDuration(-minutes)}`;
  const wholeMinutes = Math.round(minutes);
  if (wholeMinutes === 0) return minutes === 0 ? '0m' : '<1m';
  if (wholeMinutes < minutesPerHour) return `${wholeMinutes}m`;
  if (wholeMinutes < minutesPerHour * hoursPerDay) {
    return twoUnits(Math.floor(wholeMinutes / minutesPerHour), 'h', wholeMinutes % minutesPerHour, 'm');
  }
  const wholeHours = Math.round(minutes / minutesPerHour);
  return twoUnits(Math.floor(wholeHours / hoursPerDay), 'd', wholeHours % hoursPerDay, 'h');
}

function twoUnits(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major}${majorUnit}` : `${major}${majorUnit} ${minor}${minorUnit}`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * An amount with its currency's symbol and thousands separators, US English: `$15,000`,
 * `€2,300.50`, `¥1,200`; cents are shown unless the amount is whole.
 */
export function formatMoney(amount: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat('en-US', { style: 'currency', currency, trailingZeroDisplay: 'stripIfInteger' });
    } catch {
      // Not a well-formed currency code: show the number and the code as written.
      return `${amount.toLocaleString('en-US')} ${currency}`;
    }
    moneyFormats.set(currency, format);
  }
  return format.format(amount);
}
