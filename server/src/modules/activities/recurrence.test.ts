import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../calendar/ics.ts';
import { checkRRule, endSeriesBefore, occurrencesBetween, type RecurringSource } from './recurrence.ts';

const OSLO = 'Europe/Oslo';

/** A source starting at a wall-clock time in a zone, lasting `minutes`. */
function at(local: string, rrule: string | null, opts: Partial<RecurringSource> & { minutes?: number } = {}) {
  const zone = opts.timeZone ?? OSLO;
  const start = DateTime.fromISO(local, { zone }).toJSDate();
  const minutes = opts.minutes ?? 60;
  return {
    start,
    end: opts.allDay ? null : new Date(start.getTime() + minutes * 60_000),
    allDay: false,
    timeZone: zone,
    rrule,
    exdates: [],
    ...opts,
  } satisfies RecurringSource;
}

const local = (d: Date, zone = OSLO) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
const all = (src: RecurringSource, from = '1990-01-01', to = '2100-01-01') =>
  occurrencesBetween(src, new Date(from), new Date(to));

describe('recurrence', () => {
  it('keeps a weekly 09:00 meeting at 09:00 in Oslo across both daylight-saving changes', () => {
    const spring = all(at('2025-03-17T09:00', 'FREQ=WEEKLY;COUNT=3'));
    expect(spring.map((o) => local(o.start))).toEqual(['2025-03-17T09:00', '2025-03-24T09:00', '2025-03-31T09:00']);
    // The UTC offset changes instead: +01:00 before 30 March, +02:00 after.
    expect(spring.map((o) => o.start.toISOString())).toEqual([
      '2025-03-17T08:00:00.000Z',
      '2025-03-24T08:00:00.000Z',
      '2025-03-31T07:00:00.000Z',
    ]);
    expect(spring[2]?.end?.toISOString()).toBe('2025-03-31T08:00:00.000Z');

    const autumn = all(at('2025-10-20T09:00', 'FREQ=WEEKLY;BYDAY=MO;COUNT=2'));
    expect(autumn.map((o) => o.start.toISOString())).toEqual(['2025-10-20T07:00:00.000Z', '2025-10-27T08:00:00.000Z']);
    expect(autumn.map((o) => local(o.start))).toEqual(['2025-10-20T09:00', '2025-10-27T09:00']);
  });

  it('finds the last Friday of every month', () => {
    const occ = all(at('2025-01-31T14:00', 'FREQ=MONTHLY;BYDAY=-1FR;COUNT=6'));
    expect(occ.map((o) => local(o.start))).toEqual([
      '2025-01-31T14:00',
      '2025-02-28T14:00',
      '2025-03-28T14:00',
      '2025-04-25T14:00',
      '2025-05-30T14:00',
      '2025-06-27T14:00',
    ]);
  });

  it('counts COUNT from the start and includes an occurrence exactly at UNTIL', () => {
    expect(all(at('2025-05-01T10:00', 'FREQ=DAILY;COUNT=4'))).toHaveLength(4);
    const until = all(at('2025-05-01T10:00', 'FREQ=DAILY;UNTIL=20250504T080000Z'));
    expect(until.map((o) => local(o.start))).toEqual([
      '2025-05-01T10:00',
      '2025-05-02T10:00',
      '2025-05-03T10:00',
      '2025-05-04T10:00',
    ]);
    // A date as UNTIL takes the whole of that local day.
    expect(all(at('2025-05-01T10:00', 'FREQ=DAILY;UNTIL=20250503'))).toHaveLength(3);
  });

  it('leaves out exdates, which still count towards COUNT', () => {
    const src = at('2025-05-05T09:00', 'FREQ=WEEKLY;COUNT=4');
    src.exdates = [DateTime.fromISO('2025-05-12T09:00', { zone: OSLO }).toJSDate()];
    expect(all(src).map((o) => local(o.start))).toEqual(['2025-05-05T09:00', '2025-05-19T09:00', '2025-05-26T09:00']);
  });

  it('picks with BYSETPOS: the last working day of the month', () => {
    const occ = all(at('2025-01-31T16:00', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=4'));
    expect(occ.map((o) => local(o.start))).toEqual([
      '2025-01-31T16:00',
      '2025-02-28T16:00',
      '2025-03-31T16:00',
      '2025-04-30T16:00',
    ]);
  });

  it('repeats a leap day only in leap years', () => {
    const occ = all(at('2024-02-29T12:00', 'FREQ=YEARLY;COUNT=3'));
    expect(occ.map((o) => local(o.start))).toEqual(['2024-02-29T12:00', '2028-02-29T12:00', '2032-02-29T12:00']);
  });

  it('counts BYMONTHDAY from the end of the month when negative and skips months without the day', () => {
    expect(all(at('2025-01-31T08:00', 'FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3')).map((o) => local(o.start))).toEqual([
      '2025-01-31T08:00',
      '2025-02-28T08:00',
      '2025-03-31T08:00',
    ]);
    expect(all(at('2025-01-31T08:00', 'FREQ=MONTHLY;COUNT=3')).map((o) => local(o.start))).toEqual([
      '2025-01-31T08:00',
      '2025-03-31T08:00',
      '2025-05-31T08:00',
    ]);
  });

  it('follows WKST for weeks of an interval (the RFC 5545 example)', () => {
    const mo = all(
      at('1997-08-05T09:00', 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO', { timeZone: 'America/New_York' }),
    );
    const su = all(
      at('1997-08-05T09:00', 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU', { timeZone: 'America/New_York' }),
    );
    const days = (occ: typeof mo) => occ.map((o) => local(o.start, 'America/New_York').slice(0, 10));
    expect(days(mo)).toEqual(['1997-08-05', '1997-08-10', '1997-08-19', '1997-08-24']);
    expect(days(su)).toEqual(['1997-08-05', '1997-08-17', '1997-08-19', '1997-08-31']);
  });

  it('finds the 20th Monday of the year (the RFC 5545 example)', () => {
    const zone = 'America/New_York';
    const occ = all(at('1997-05-19T09:00', 'FREQ=YEARLY;BYDAY=20MO;COUNT=3', { timeZone: zone }));
    expect(occ.map((o) => local(o.start, zone))).toEqual(['1997-05-19T09:00', '1998-05-18T09:00', '1999-05-17T09:00']);
  });

  it('moves a time in the spring-forward gap forward and takes the first of a repeated autumn time', () => {
    const gap = all(at('2025-03-29T02:30', 'FREQ=DAILY;COUNT=3'));
    expect(gap.map((o) => local(o.start))).toEqual(['2025-03-29T02:30', '2025-03-30T03:30', '2025-03-31T02:30']);
    const twice = all(at('2025-10-25T02:30', 'FREQ=DAILY;COUNT=2'));
    // 02:30 happens twice on 26 October; RFC 5545 means the first one (still +02:00).
    expect(twice[1]?.start.toISOString()).toBe('2025-10-26T00:30:00.000Z');
  });

  it('gives all-day occurrences as local midnights that keep their length in days', () => {
    const start = DateTime.fromISO('2025-03-28', { zone: OSLO }).toJSDate();
    const end = DateTime.fromISO('2025-03-30', { zone: OSLO }).toJSDate();
    const occ = all({ start, end, allDay: true, timeZone: OSLO, rrule: 'FREQ=WEEKLY;COUNT=2', exdates: [] });
    expect(occ.map((o) => local(o.start))).toEqual(['2025-03-28T00:00', '2025-04-04T00:00']);
    expect(occ.map((o) => (o.end ? local(o.end) : null))).toEqual(['2025-03-30T00:00', '2025-04-06T00:00']);
  });

  it('returns only what overlaps the range, also far into a never-ending series', () => {
    const src = at('2005-01-03T09:00', 'FREQ=DAILY', { minutes: 30 });
    const occ = occurrencesBetween(src, new Date('2025-06-10T07:15:00Z'), new Date('2025-06-12T00:00:00Z'));
    expect(occ.map((o) => local(o.start))).toEqual(['2025-06-10T09:00', '2025-06-11T09:00']);
    // A single activity yields itself when it overlaps, nothing otherwise.
    const single = at('2025-06-10T09:00', null);
    expect(occurrencesBetween(single, new Date('2025-06-10T07:30:00Z'), new Date('2025-06-10T08:00:00Z'))).toHaveLength(
      1,
    );
    expect(occurrencesBetween(single, new Date('2025-06-10T08:00:00Z'), new Date('2025-06-10T09:00:00Z'))).toHaveLength(
      0,
    );
    // A task (no end) is in a range when its time is.
    const task = { ...single, end: null };
    expect(occurrencesBetween(task, new Date('2025-06-10T07:00:00Z'), new Date('2025-06-10T07:00:01Z'))).toHaveLength(
      1,
    );
  });

  it('ends on its own when a rule never matches again', () => {
    expect(all(at('2025-02-01T09:00', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'))).toHaveLength(1);
    expect(all(at('2025-02-01T09:00', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31'))).toHaveLength(1);
  });

  it('explains rules it cannot use', () => {
    expect(checkRRule('FREQ=WEEKLY;BYDAY=MO,WE')).toBeNull();
    expect(checkRRule('FREQ=HOURLY')).toMatch(/DAILY, WEEKLY, MONTHLY or YEARLY/);
    expect(checkRRule('BYDAY=MO')).toMatch(/FREQ is missing/);
    expect(checkRRule('FREQ=DAILY;COUNT=3;UNTIL=20250101')).toMatch(/COUNT and UNTIL/);
    expect(checkRRule('FREQ=WEEKLY;BYDAY=2MO')).toMatch(/MONTHLY or YEARLY/);
    expect(checkRRule('FREQ=MONTHLY;BYDAY=6MO')).toMatch(/1 to 5/);
    expect(checkRRule('FREQ=MONTHLY;BYMONTHDAY=32')).toMatch(/BYMONTHDAY/);
    expect(checkRRule('FREQ=DAILY;INTERVAL=0')).toMatch(/INTERVAL/);
    expect(checkRRule('FREQ=DAILY;UNTIL=20250230')).toMatch(/not a real date/);
    expect(checkRRule('FREQ=DAILY;BYHOUR=9')).toMatch(/BYHOUR is not supported/);
    expect(checkRRule('FREQ=DAILY;FOO=1')).toMatch(/FOO/);
    expect(checkRRule('FREQ=DAILY;BYSETPOS=1')).toMatch(/BYSETPOS/);
    expect(checkRRule('FREQ=DAILY;COUNT=1;COUNT=2')).toMatch(/twice/);
  });

  it('ends a series just before an occurrence ("this and all following")', () => {
    const src = at('2025-03-03T09:00', 'FREQ=WEEKLY;COUNT=10');
    const cut = DateTime.fromISO('2025-03-31T09:00', { zone: OSLO }).toJSDate();
    const rule = endSeriesBefore(src, cut);
    expect(rule).toBe('FREQ=WEEKLY;UNTIL=20250331T065959Z');
    expect(all({ ...src, rrule: rule }).map((o) => local(o.start))).toEqual([
      '2025-03-03T09:00',
      '2025-03-10T09:00',
      '2025-03-17T09:00',
      '2025-03-24T09:00',
    ]);
    const day = { ...src, allDay: true, start: DateTime.fromISO('2025-03-03', { zone: OSLO }).toJSDate(), end: null };
    expect(endSeriesBefore(day, DateTime.fromISO('2025-03-31', { zone: OSLO }).toJSDate())).toBe(
      'FREQ=WEEKLY;UNTIL=20250330',
    );
  });

  describe('agrees with ical.js', () => {
    const cases: [string, string, string][] = [
      ['2025-03-03T09:00', 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=20', OSLO],
      ['2025-01-14T10:30', 'FREQ=MONTHLY;BYDAY=2TU;COUNT=12', OSLO],
      ['2025-01-31T08:00', 'FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=12', 'America/New_York'],
      ['2025-01-31T16:00', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=12', OSLO],
      ['2025-03-30T12:00', 'FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU;COUNT=6', 'Europe/Stockholm'],
      ['2025-10-01T07:00', 'FREQ=DAILY;INTERVAL=3;UNTIL=20251115T000000Z', OSLO],
      ['2025-08-05T09:00', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU;COUNT=8', OSLO],
      ['2025-01-01T09:00', 'FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=1;COUNT=6', 'Australia/Sydney'],
      ['2025-01-31T09:00', 'FREQ=MONTHLY;BYMONTHDAY=31;COUNT=7', OSLO],
      // Not compared: YEARLY;BYDAY=20MO (ical.js 2.2 gives weekly Mondays after the first; the RFC's own example
      // is tested above) and a time in the spring-forward gap (ical.js reads it with the offset after the gap,
      // RFC 5545 §3.3.5 says the one before).
    ];
    for (const [start, rrule, zone] of cases) {
      it(`${rrule} from ${start} ${zone}`, () => {
        const src = at(start, rrule, { timeZone: zone });
        const mine = all(src).map((o) => o.start.toISOString());
        // The same series written by our iCalendar writer and expanded by ical.js (with our VTIMEZONE).
        const text = buildCalendar({
          events: [
            {
              uid: 'x@test',
              sequence: 0,
              kind: 'meeting',
              title: 'x',
              description: '',
              location: null,
              start: src.start,
              end: src.end,
              allDay: false,
              timeZone: zone,
              rrule,
            },
          ],
          now: new Date('2025-01-01T00:00:00Z'),
        });
        for (const tz of new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vtimezone')) {
          ICAL.TimezoneService.register(tz);
        }
        const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent') ?? undefined);
        const theirs: string[] = [];
        const iterator = event.iterator();
        for (let next = iterator.next(); next && theirs.length < 100; next = iterator.next()) {
          theirs.push(next.toJSDate().toISOString());
        }
        expect(mine).toEqual(theirs);
      });
    }
  });
});
