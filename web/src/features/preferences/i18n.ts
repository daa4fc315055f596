/** Strings of my preferences (time zone, language, reminder mails). */
const en = {
  settingsTab: 'My preferences',
  intro:
    'These settings are yours alone, in this workspace. Times in the diary and the task list are shown in your time zone, and your week starts on Monday in it.',
  timeZone: 'Time zone',
  timeZonePlaceholder: 'Search for a city or region',
  timeZoneHint: 'Now {{time}} there',
  useBrowser: 'Use this computer’s ({{zone}})',
  language: 'Language',
  languageHint: 'The language of Rapport and of the mails it sends you',
  reminderEmail: 'Send my reminders by e-mail too',
  reminderEmailHint: 'Reminders always appear under the bell; with this on you also get them by e-mail.',
  saved: 'Your preferences are saved',
};

type Strings = typeof en;

const nb: Strings = {
  settingsTab: 'Mine innstillinger',
  intro:
    'Disse innstillingene gjelder bare deg, i dette arbeidsområdet. Tider i kalenderen og oppgavelisten vises i din tidssone, og uken din starter på mandag i den.',
  timeZone: 'Tidssone',
  timeZonePlaceholder: 'Søk etter en by eller region',
  timeZoneHint: 'Klokken er {{time}} der nå',
  useBrowser: 'Bruk denne maskinens ({{zone}})',
  language: 'Språk',
  languageHint: 'Språket i Rapport og i e-postene du får derfra',
  reminderEmail: 'Send påminnelsene mine på e-post også',
  reminderEmailHint: 'Påminnelser vises alltid under bjella; med dette på får du dem også på e-post.',
  saved: 'Innstillingene dine er lagret',
};

const sv: Strings = {
  settingsTab: 'Mina inställningar',
  intro:
    'De här inställningarna gäller bara dig, i den här arbetsytan. Tider i kalendern och uppgiftslistan visas i din tidszon, och din vecka börjar på måndag i den.',
  timeZone: 'Tidszon',
  timeZonePlaceholder: 'Sök efter en stad eller region',
  timeZoneHint: 'Klockan är {{time}} där nu',
  useBrowser: 'Använd den här datorns ({{zone}})',
  language: 'Språk',
  languageHint: 'Språket i Rapport och i mejlen du får därifrån',
  reminderEmail: 'Skicka mina påminnelser via e-post också',
  reminderEmailHint: 'Påminnelser visas alltid under klockan; med detta påslaget får du dem även via e-post.',
  saved: 'Dina inställningar är sparade',
};

export const preferenceStrings = { en, nb, sv };
