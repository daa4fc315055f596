/** The reminder mail in the recipient's language (members.language). */

export type MailLanguage = 'en' | 'nb' | 'sv';

const LOCALE: Record<MailLanguage, string> = { en: 'en-GB', nb: 'nb-NO', sv: 'sv-SE' };

const TEXT = {
  en: {
    subject: (title: string, when: string) => `Reminder: ${title} — ${when}`,
    body: (title: string, when: string, where: string | null, link: string) =>
      `This is a reminder of “${title}”.\n\nWhen: ${when}\n${where ? `Where: ${where}\n` : ''}\nOpen it in Rapport: ${link}\n\nYou get these mails because reminders by e-mail are on in your preferences in Rapport.`,
    allDay: 'all day',
  },
  nb: {
    subject: (title: string, when: string) => `Påminnelse: ${title} — ${when}`,
    body: (title: string, when: string, where: string | null, link: string) =>
      `Dette er en påminnelse om «${title}».\n\nNår: ${when}\n${where ? `Hvor: ${where}\n` : ''}\nÅpne i Rapport: ${link}\n\nDu får denne e-posten fordi påminnelser på e-post er slått på i innstillingene dine i Rapport.`,
    allDay: 'hele dagen',
  },
  sv: {
    subject: (title: string, when: string) => `Påminnelse: ${title} — ${when}`,
    body: (title: string, when: string, where: string | null, link: string) =>
      `Det här är en påminnelse om ”${title}”.\n\nNär: ${when}\n${where ? `Var: ${where}\n` : ''}\nÖppna i Rapport: ${link}\n\nDu får det här mejlet eftersom påminnelser via e-post är påslagna i dina inställningar i Rapport.`,
    allDay: 'hela dagen',
  },
} as const;

export function asLanguage(value: string | null | undefined): MailLanguage {
  return value === 'nb' || value === 'sv' ? value : 'en';
}

/** The time of an occurrence as the recipient reads it: their language, their time zone. */
export function formatWhen(start: Date, allDay: boolean, language: MailLanguage, timeZone: string): string {
  const locale = LOCALE[language];
  if (allDay) {
    const day = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone }).format(start);
    return `${day}, ${TEXT[language].allDay}`;
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(start);
}

export function reminderMail(
  language: MailLanguage,
  a: { title: string; start: Date; allDay: boolean; location: string | null; link: string; timeZone: string },
) {
  const when = formatWhen(a.start, a.allDay, language, a.timeZone);
  const t = TEXT[language];
  return { subject: t.subject(a.title, when), text: t.body(a.title, when, a.location, a.link) };
}
