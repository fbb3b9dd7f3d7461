import { describe, expect, it } from 'vitest';
import { findMoment, momentToUtc, readDay, readTime, zoneStatement } from '../../src/import/moments.js';
import { parseZone, toUtc } from '../../src/import/zones.js';

/** `day time zone` as a document writes it, read to UTC. */
function utc(written: string, zone: string): string | null {
  const parsed = parseZone(zone);
  if (!parsed) throw new Error(`no zone ${zone}`);
  const [day = '', time = ''] = written.split(' ');
  const clock = readTime(time);
  if (!clock) throw new Error(`no time ${time}`);
  return toUtc({ day, ...clock }, parsed);
}

describe('time zones', () => {
  it.each([
    // US: clocks go forward at 02:00 on 2026-03-08 and back at 02:00 on 2026-11-01.
    ['2026-03-08 01:59', 'PT', '2026-03-08T09:59:00Z'],
    ['2026-03-08 03:00', 'PT', '2026-03-08T10:00:00Z'],
    ['2026-11-01 00:59', 'ET', '2026-11-01T04:59:00Z'],
    ['2026-11-01 02:00', 'ET', '2026-11-01T07:00:00Z'],
    ['2026-11-01 03:30', 'Pacific Time', '2026-11-01T11:30:00Z'],
    // EU: forward at 01:00 UTC on 2026-03-29, back at 01:00 UTC on 2026-10-25.
    ['2026-03-29 01:59', 'Europe/Berlin', '2026-03-29T00:59:00Z'],
    ['2026-03-29 03:00', 'Europe/Berlin', '2026-03-29T01:00:00Z'],
    ['2026-10-25 00:30', 'UK time', '2026-10-24T23:30:00Z'],
    ['2026-10-25 02:30', 'Europe/London', '2026-10-25T02:30:00Z'],
    ['2026-10-25 03:30', 'Europe/Paris', '2026-10-25T02:30:00Z'],
    // An abbreviation names its offset, whatever the date.
    ['2026-03-04 14:32', 'PST', '2026-03-04T22:32:00Z'],
    ['2026-07-04 14:32', 'PDT', '2026-07-04T21:32:00Z'],
    ['2026-01-15 09:00', 'CET', '2026-01-15T08:00:00Z'],
    ['2026-06-12 09:14', 'CEST', '2026-06-12T07:14:00Z'],
    ['2026-02-01 23:30', 'EST', '2026-02-02T04:30:00Z'],
    ['2026-08-01 20:00', 'EDT', '2026-08-02T00:00:00Z'],
    ['2026-08-01 10:00', 'BST', '2026-08-01T09:00:00Z'],
    ['2026-08-01 10:00', 'UTC', '2026-08-01T10:00:00Z'],
    ['2026-08-01 10:00', 'GMT', '2026-08-01T10:00:00Z'],
    ['2026-08-01 10:00', 'UTC+5:30', '2026-08-01T04:30:00Z'],
    ['2026-08-01 10:00', '-07:00', '2026-08-01T17:00:00Z'],
  ])('%s %s is %s', (written, zone, expected) => {
    expect(utc(written, zone)).toBe(expected);
  });

  it.each([
    // Skipped when the clocks went forward: no such local time.
    ['2026-03-08 02:30', 'PT'],
    ['2026-03-29 02:30', 'Europe/Berlin'],
    // Shown twice when the clocks went back: no single moment.
    ['2026-11-01 01:30', 'ET'],
    ['2026-10-25 01:30', 'UK time'],
    ['2026-10-25 02:30', 'Europe/Berlin'],
  ])('%s %s names no single moment, so it is not converted', (written, zone) => {
    expect(utc(written, zone)).toBeNull();
  });

  it.each(['CST', 'IST', 'XYZ', 'pst', 'Mars/Olympus', 'UTC+15'])('does not guess the zone %s', (zone) => {
    expect(parseZone(zone)).toBeUndefined();
  });

  it('does not convert a time whose zone or day is unknown', () => {
    const bare = findMoment('14:32 deploy starts');
    expect(bare).toEqual({ time: { hour: 14, minute: 32, second: 0 }, written: '14:32' });
    expect(momentToUtc(bare ?? { written: '' }, '2026-03-04', undefined)).toBeNull();
    expect(momentToUtc(findMoment('14:32 PDT') ?? { written: '' }, undefined, undefined)).toBeNull();
    expect(momentToUtc(findMoment('14:32 CST') ?? { written: '' }, '2026-03-04', undefined)).toBeNull();
  });

  it.each([
    ['All times in PDT.', 'PDT'],
    ['2015-10-21 (all times UTC)', 'UTC'],
    ['All times are Berlin time (Europe/Berlin).', 'Berlin time'],
    ['Times are in Pacific Time unless noted.', 'Pacific Time'],
    ['Times shown in CEST', 'CEST'],
  ])('reads the zone stated once in %j', (text, name) => {
    expect(zoneStatement(text)?.name).toBe(name);
  });

  it('reads no zone statement from prose about times', () => {
    expect(zoneStatement('Response times are slow at peak.')).toBeUndefined();
    expect(zoneStatement('At times, the queue backs up.')).toBeUndefined();
  });

  it.each([
    ['2026-03-04', '2026-03-04'],
    ['2026/3/4', '2026-03-04'],
    ['March 4, 2026', '2026-03-04'],
    ['Wed, Mar 4 2026', '2026-03-04'],
    ['4th March 2026', '2026-03-04'],
    ['2026-02-30', undefined],
    ['March 4', undefined],
  ])('reads the day %j as %s', (text, day) => {
    expect(readDay(text)).toBe(day);
  });

  it.each([
    ['2:05 PM', { hour: 14, minute: 5, second: 0 }],
    ['12:30 am', { hour: 0, minute: 30, second: 0 }],
    ['23:59:59', { hour: 23, minute: 59, second: 59 }],
    ['24:00', undefined],
    ['13:00 PM', undefined],
  ])('reads the time %j', (text, time) => {
    expect(readTime(text)).toEqual(time);
  });

  it('reads a moment with its day and zone written around it', () => {
    expect(findMoment('2026-03-04T14:32:00-07:00')).toMatchObject({ day: '2026-03-04', time: { hour: 14, minute: 32 }, written: '14:32:00-07:00' });
    expect(findMoment('14:32 PDT on March 4, 2026')).toMatchObject({ day: '2026-03-04', zone: { kind: 'offset', minutes: -420 }, written: '14:32 PDT' });
    expect(findMoment('March 4, 2026 at 9:05 am (UTC)')).toMatchObject({ day: '2026-03-04', time: { hour: 9, minute: 5 }, written: '9:05 am (UTC)' });
  });
});
