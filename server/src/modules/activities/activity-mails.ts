/**
 * The e-mail a colleague gets when an activity is assigned to them or they are added to it, in their own
 * language (members.language) and time zone (members.time_zone).
 */

export type MailLanguage = 'en' | 'nb' | 'sv';
export const asMailLanguage = (l: string | null | undefined): MailLanguage => (l === 'nb' || l === 'sv' ? l : 'en');

const LOCALE: Record<MailLanguage, string> = { en: 'en-GB', nb: 'nb-NO', sv: 'sv-SE' };

type Texts = {
  assignedSubject: (actor: string, title: string) => string;
  addedSubject: (actor: string, title: string) => string;
  assignedIntro: (actor: string) => string;
  addedIntro: (actor: string) => string;
  when: string;
  noDate: string;
  company: string;
  place: string;
  assignedBy: string;
  addedBy: string;
  open: string;
};

const TEXTS: Record<MailLanguage, Texts> = {
  en: {
    assignedSubject: (actor, title) => `${actor} assigned “${title}” to you`,
    addedSubject: (actor, title) => `${actor} added you to “${title}”`,
    assignedIntro: (actor) => `${actor} has assigned an activity to you in Rapport.`,
    addedIntro: (actor) => `${actor} has added you to an activity in Rapport.`,
    when: 'When',
    noDate: 'No date',
    company: 'Company',
    place: 'Where',
    assignedBy: 'Assigned by',
    addedBy: 'Added by',
    open: 'Open it',
  },
  nb: {
    assignedSubject: (actor, title) => `${actor} har tildelt deg «${title}»`,
    addedSubject: (actor, title) => `${actor} har lagt deg til i «${title}»`,
    assignedIntro: (actor) => `${actor} har tildelt deg en aktivitet i Rapport.`,
    addedIntro: (actor) => `${actor} har lagt deg til i en aktivitet i Rapport.`,
    when: 'Når',
    noDate: 'Uten dato',
    company: 'Firma',
    place: 'Sted',
    assignedBy: 'Tildelt av',
    addedBy: 'Lagt til av',
    open: 'Åpne den',
  },
  sv: {
    assignedSubject: (actor, title) => `${actor} har tilldelat dig ”${title}”`,
    addedSubject: (actor, title) => `${actor} har lagt till dig i ”${title}”`,
    assignedIntro: (actor) => `${actor} har tilldelat dig en aktivitet i Rapport.`,
    addedIntro: (actor) => `${actor} har lagt till dig i en aktivitet i Rapport.`,
    when: 'När',
    noDate: 'Inget datum',
    company: 'Företag',
    place: 'Plats',
    assignedBy: 'Tilldelad av',
    addedBy: 'Tillagd av',
    open: 'Öppna den',
  },
};

/** "Tuesday 10 March 2026, 09:00–10:00" in the reader's language and time zone. */
export function formatWhen(
  language: MailLanguage,
  timeZone: string,
  a: { start: Date | null; end: Date | null; allDay: boolean },
): string | null {
  if (!a.start) return null;
  const locale = LOCALE[language];
  if (a.allDay) {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone }).format(a.start);
  }
  const start = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(a.start);
  if (!a.end || a.end.getTime() === a.start.getTime()) return start;
  const sameDay =
    new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', timeZone }).format(a.start) ===
    new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', timeZone }).format(a.end);
  const end = sameDay
    ? new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(a.end)
    : new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(a.end);
  return `${start}–${end}`;
}

export function assignmentMail(m: {
  variant: 'assigned' | 'added';
  language: MailLanguage;
  timeZone: string;
  actorName: string;
  title: string;
  start: Date | null;
  end: Date | null;
  allDay: boolean;
  location: string | null;
  companyName: string | null;
  url: string;
}): { subject: string; text: string } {
  const t = TEXTS[m.language];
  const assigned = m.variant === 'assigned';
  const when = formatWhen(m.language, m.timeZone, m) ?? t.noDate;
  const lines = [
    assigned ? t.assignedIntro(m.actorName) : t.addedIntro(m.actorName),
    '',
    m.title,
    `${t.when}: ${when}`,
    ...(m.location ? [`${t.place}: ${m.location}`] : []),
    ...(m.companyName ? [`${t.company}: ${m.companyName}`] : []),
    `${assigned ? t.assignedBy : t.addedBy}: ${m.actorName}`,
    '',
    `${t.open}: ${m.url}`,
    '',
  ];
  return {
    subject: assigned ? t.assignedSubject(m.actorName, m.title) : t.addedSubject(m.actorName, m.title),
    text: lines.join('\n'),
  };
}
