import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, type IcsEvent } from './ics.ts';

const event = (e: Partial<IcsEvent>): IcsEvent => ({
  uid: 'u1@test',
  sequence: 0,
  kind: 'meeting',
  title: 'Møte',
  description: '',
  location: null,
  start: new Date('2025-06-02T08:00:00Z'),
  end: new Date('2025-06-02T09:00:00Z'),
  allDay: false,
  timeZone: 'Europe/Oslo',
  ...e,
});

function parse(text: string) {
  for (const tz of new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(tz);
  }
  return new ICAL.Component(ICAL.parse(text));
}

describe('the iCalendar writer', () => {
  it('escapes text and folds long lines at 75 octets without splitting a character', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const line = `DESCRIPTION:${'æøå—'.repeat(40)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(3);
    for (const [i, part] of folded.entries()) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
    }
    expect(folded.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(foldLine(line)).not.toContain('\uFFFD');
  });

  it('writes all-day activities as dates, ending the day after', () => {
    const start = DateTime.fromISO('2025-10-24', { zone: 'Europe/Oslo' }).toJSDate();
    const text = buildCalendar({ events: [event({ allDay: true, start, end: null, title: 'Messe' })] });
    expect(text).toContain('DTSTART;VALUE=DATE:20251024\r\n');
    expect(text).toContain('DTEND;VALUE=DATE:20251025\r\n');
    expect(text).not.toContain('BEGIN:VTIMEZONE');
  });

  it('makes a task a transparent event at its due time, ticked when done', () => {
    const text = buildCalendar({ events: [event({ kind: 'task', end: null, done: true, title: 'Ring Ola' })] });
    const vevent = parse(text).getFirstSubcomponent('vevent');
    expect(vevent?.getFirstPropertyValue('summary')).toBe('✓ Ring Ola');
    expect(vevent?.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
    expect(vevent?.getFirstPropertyValue('dtend')?.toString()).toBe(
      vevent?.getFirstPropertyValue('dtstart')?.toString(),
    );
  });

  it('describes time zones so that other programs get the same UTC times', () => {
    const zones = ['Europe/Oslo', 'America/Sao_Paulo', 'Australia/Sydney', 'Asia/Kolkata', 'America/St_Johns'];
    for (const timeZone of zones) {
      const starts = ['2025-01-15T09:30', '2025-04-15T09:30', '2025-07-15T09:30', '2025-10-15T09:30'].map((s) =>
        DateTime.fromISO(s, { zone: timeZone }).toJSDate(),
      );
      const text = buildCalendar({
        events: starts.map((start, i) =>
          event({ uid: `${i}@test`, start, end: new Date(start.getTime() + 3_600_000), timeZone }),
        ),
      });
      const got = parse(text)
        .getAllSubcomponents('vevent')
        .map((v) => new ICAL.Event(v).startDate.toJSDate().toISOString());
      expect(got, timeZone).toEqual(starts.map((d) => d.toISOString()));
    }
  });

  it('names the method and cancels with STATUS:CANCELLED', () => {
    const text = buildCalendar({
      method: 'CANCEL',
      events: [event({ organizer: { name: 'Kari; Nordmann', email: 'kari@example.com' } })],
    });
    expect(text).toContain('METHOD:CANCEL\r\n');
    expect(text).toContain('STATUS:CANCELLED\r\n');
    expect(text).toContain('ORGANIZER;CN="Kari; Nordmann":mailto:kari@example.com\r\n');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
