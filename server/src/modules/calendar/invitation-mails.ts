/** The texts of meeting invitations and cancellations, in the organiser's language (members.language). */

export type Language = 'en' | 'nb' | 'sv';

const LOCALE: Record<Language, string> = { en: 'en-GB', nb: 'nb-NO', sv: 'sv-SE' };

const TEXT = {
  en: {
    new: 'Invitation',
    update: 'Updated invitation',
    cancel: 'Cancelled',
    introNew: '{organizer} invites you to “{title}”.',
    introUpdate: '{organizer} has changed “{title}”.',
    introCancel: '{organizer} has cancelled “{title}”.',
    when: 'When',
    where: 'Where',
    organizer: 'Organiser',
    participants: 'Participants',
    allDay: 'all day',
    recurring: 'This meeting repeats: the attached invitation holds every occurrence.',
    hint: 'The invitation is attached as an iCalendar file: open it, or use the buttons of your e-mail program, to answer and to add the meeting to your calendar.',
    hintCancel: 'The attached cancellation lets your calendar program remove the meeting from your calendar.',
  },
  nb: {
    new: 'Invitasjon',
    update: 'Oppdatert invitasjon',
    cancel: 'Avlyst',
    introNew: '{organizer} inviterer deg til «{title}».',
    introUpdate: '{organizer} har endret «{title}».',
    introCancel: '{organizer} har avlyst «{title}».',
    when: 'Når',
    where: 'Hvor',
    organizer: 'Arrangør',
    participants: 'Deltakere',
    allDay: 'hele dagen',
    recurring: 'Møtet gjentas: invitasjonen i vedlegget har alle gangene.',
    hint: 'Invitasjonen ligger ved som en iCalendar-fil: åpne den, eller bruk knappene i e-postprogrammet ditt, for å svare og legge møtet i kalenderen.',
    hintCancel: 'Med avlysningen i vedlegget kan kalenderprogrammet ditt fjerne møtet fra kalenderen.',
  },
  sv: {
    new: 'Inbjudan',
    update: 'Uppdaterad inbjudan',
    cancel: 'Inställt',
    introNew: '{organizer} bjuder in dig till ”{title}”.',
    introUpdate: '{organizer} har ändrat ”{title}”.',
    introCancel: '{organizer} har ställt in ”{title}”.',
    when: 'När',
    where: 'Var',
    organizer: 'Arrangör',
    participants: 'Deltagare',
    allDay: 'heldag',
    recurring: 'Mötet återkommer: inbjudan i bilagan innehåller alla tillfällen.',
    hint: 'Inbjudan är bifogad som en iCalendar-fil: öppna den, eller använd knapparna i ditt e-postprogram, för att svara och lägga in mötet i din kalender.',
    hintCancel: 'Med den bifogade avbokningen kan ditt kalenderprogram ta bort mötet ur din kalender.',
  },
} satisfies Record<Language, Record<string, string>>;

export type InvitationFacts = {
  kind: 'new' | 'update' | 'cancel';
  title: string;
  organizer: string;
  start: Date;
  end: Date | null;
  allDay: boolean;
  timeZone: string;
  location: string | null;
  description: string;
  recurring: boolean;
  participants: string[];
  url: string | null;
};

const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');

/** “Tuesday 17 March 2026, 09:00–10:00 (Europe/Oslo)” in the language given. */
export function formatWhen(lang: Language, f: Pick<InvitationFacts, 'start' | 'end' | 'allDay' | 'timeZone'>): string {
  const locale = LOCALE[lang];
  const tz = f.timeZone;
  if (f.allDay) {
    const day = (d: Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: tz }).format(d);
    const lastDay = f.end ? new Date(f.end.getTime() - 1) : f.start;
    const sameDay = day(lastDay) === day(f.start) || lastDay < f.start;
    return sameDay
      ? `${day(f.start)} (${TEXT[lang].allDay})`
      : `${day(f.start)} – ${day(lastDay)} (${TEXT[lang].allDay})`;
  }
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: tz });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: tz });
  if (!f.end) return `${date.format(f.start)} ${time.format(f.start)} (${tz})`;
  const sameDay = date.format(f.start) === date.format(f.end);
  const end = sameDay ? time.format(f.end) : `${date.format(f.end)} ${time.format(f.end)}`;
  return `${date.format(f.start)} ${time.format(f.start)}–${end} (${tz})`;
}

/** Subject and plain-text body of an invitation, update or cancellation. */
export function invitationMail(lang: Language, f: InvitationFacts): { subject: string; text: string } {
  const t = TEXT[lang];
  const when = formatWhen(lang, f);
  const shortWhen = f.allDay
    ? new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeZone: f.timeZone }).format(f.start)
    : new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: f.timeZone }).format(
        f.start,
      );
  const subject = `${t[f.kind]}: ${f.title} – ${shortWhen}`;
  const intro = fill(f.kind === 'new' ? t.introNew : f.kind === 'update' ? t.introUpdate : t.introCancel, {
    organizer: f.organizer,
    title: f.title,
  });
  const lines = [intro, '', `${t.when}: ${when}`];
  if (f.location) lines.push(`${t.where}: ${f.location}`);
  lines.push(`${t.organizer}: ${f.organizer}`);
  if (f.participants.length > 0) lines.push(`${t.participants}: ${f.participants.join(', ')}`);
  if (f.recurring) lines.push('', t.recurring);
  if (f.description.trim()) lines.push('', f.description.trim());
  if (f.url) lines.push('', f.url);
  lines.push('', f.kind === 'cancel' ? t.hintCancel : t.hint);
  return { subject, text: lines.join('\n') };
}
