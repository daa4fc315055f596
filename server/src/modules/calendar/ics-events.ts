import type { IcsRow, ParticipantRow } from './calendar.sql.ts';
import type { IcsAttendee, IcsEvent } from './ics.ts';

const PARTSTAT: Record<ParticipantRow['response'], IcsAttendee['partstat']> = {
  'needs-action': 'NEEDS-ACTION',
  accepted: 'ACCEPTED',
  declined: 'DECLINED',
  tentative: 'TENTATIVE',
};

export function attendeesOf(participants: ParticipantRow[]): IcsAttendee[] {
  return participants
    .filter((p) => p.visible && p.email)
    .map((p) => ({
      name: p.name || null,
      email: p.email as string,
      partstat: PARTSTAT[p.response],
      rsvp: p.contact_id !== null,
    }));
}

/**
 * The VEVENTs of activity rows: a series' changed occurrences carry the series' UID and a RECURRENCE-ID (and at
 * least its SEQUENCE); meetings and calls with participants name the owner as ORGANIZER and the participants as
 * ATTENDEEs. `participants` are those of each row; a changed occurrence without its own uses the series' ones.
 */
export function rowsToEvents(
  rows: IcsRow[],
  participants: ParticipantRow[],
  opts: { publicUrl: string; status?: 'CONFIRMED' | 'CANCELLED'; attendees?: boolean },
): IcsEvent[] {
  const byActivity = new Map<string, ParticipantRow[]>();
  for (const p of participants) byActivity.set(p.activity_id, [...(byActivity.get(p.activity_id) ?? []), p]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const events: IcsEvent[] = [];
  for (const r of rows) {
    if (!r.starts_at) continue;
    const series = r.series_id ? byId.get(r.series_id) : undefined;
    const own = byActivity.get(r.id) ?? [];
    const people = own.length > 0 || !series ? own : (byActivity.get(series.id) ?? []);
    const attendees = opts.attendees === false || r.kind === 'task' ? [] : attendeesOf(people);
    events.push({
      uid: series?.ical_uid ?? r.ical_uid,
      sequence: Math.max(r.ical_sequence, series?.ical_sequence ?? 0),
      kind: r.kind,
      title: r.title,
      description: r.description,
      location: r.location,
      start: r.starts_at,
      end: r.ends_at,
      allDay: r.all_day,
      timeZone: r.time_zone,
      done: r.done_at !== null,
      priority: r.priority,
      rrule: r.series_id ? null : r.rrule,
      exdates: r.exdates,
      recurrenceId: r.recurrence_id,
      status: opts.status ?? 'CONFIRMED',
      organizer: attendees.length > 0 ? { name: r.owner_name, email: r.owner_email } : null,
      attendees,
      created: r.created_at,
      lastModified: r.updated_at,
      url: `${opts.publicUrl}/activities/${r.series_id ?? r.id}`,
    });
  }
  return events;
}
