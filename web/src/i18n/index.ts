import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { listStrings } from '../components/list-tools/i18n.ts';
import { activityStrings } from '../features/activities/i18n.ts';
import { activityTypeStrings } from '../features/activity-types/i18n.ts';
import { calendarFeedStrings } from '../features/calendar-feed/i18n.ts';
import { categoryStrings } from '../features/categories/i18n.ts';
import { cardStrings } from '../features/companies/card-i18n.ts';
import { diaryStrings } from '../features/diary/i18n.ts';
import { mergeStrings } from '../features/merge/i18n.ts';
import { notesStrings } from '../features/notes/i18n.ts';
import { notificationStrings } from '../features/notifications/i18n.ts';
import { preferenceStrings } from '../features/preferences/i18n.ts';
import { registryStrings } from '../features/registries/i18n.ts';
import { relationStrings } from '../features/relations/i18n.ts';
import { resourceStrings } from '../features/resources/i18n.ts';
import { globalSearchStrings } from '../features/search/i18n.ts';
import { targetStrings } from '../features/targets/i18n.ts';
import { en } from './en.ts';
import { nb } from './nb.ts';
import { sv } from './sv.ts';

export const LANGUAGES = [
  { code: 'en', label: 'English', locale: 'en-GB' },
  { code: 'nb', label: 'Norsk bokmål', locale: 'nb-NO' },
  { code: 'sv', label: 'Svenska', locale: 'sv-SE' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'rapport.language';

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'nb' || saved === 'sv') return saved;
  for (const lang of navigator.languages ?? [navigator.language]) {
    const base = lang.toLowerCase().split('-')[0];
    if (base === 'nb' || base === 'no' || base === 'nn') return 'nb';
    if (base === 'sv') return 'sv';
    if (base === 'en') return 'en';
  }
  return 'en';
}

void i18n.use(initReactI18next).init({
  resources: {
    en: {
      translation: {
        ...en,
        lists: listStrings.en,
        categories: categoryStrings.en,
        card: cardStrings.en,
        notes: notesStrings.en,
        registry: registryStrings.en,
        merge: mergeStrings.en,
        globalSearch: globalSearchStrings.en,
        relations: relationStrings.en,
        diary: diaryStrings.en,
        activities: activityStrings.en,
        bell: notificationStrings.en,
        preferences: preferenceStrings.en,
        activityTypes: activityTypeStrings.en,
        targets: targetStrings.en,
        resources: resourceStrings.en,
        calendarFeed: calendarFeedStrings.en,
      },
    },
    nb: {
      translation: {
        ...nb,
        lists: listStrings.nb,
        categories: categoryStrings.nb,
        card: cardStrings.nb,
        notes: notesStrings.nb,
        registry: registryStrings.nb,
        merge: mergeStrings.nb,
        globalSearch: globalSearchStrings.nb,
        relations: relationStrings.nb,
        diary: diaryStrings.nb,
        activities: activityStrings.nb,
        bell: notificationStrings.nb,
        preferences: preferenceStrings.nb,
        activityTypes: activityTypeStrings.nb,
        targets: targetStrings.nb,
        resources: resourceStrings.nb,
        calendarFeed: calendarFeedStrings.nb,
      },
    },
    sv: {
      translation: {
        ...sv,
        lists: listStrings.sv,
        categories: categoryStrings.sv,
        card: cardStrings.sv,
        notes: notesStrings.sv,
        registry: registryStrings.sv,
        merge: mergeStrings.sv,
        globalSearch: globalSearchStrings.sv,
        relations: relationStrings.sv,
        diary: diaryStrings.sv,
        activities: activityStrings.sv,
        bell: notificationStrings.sv,
        preferences: preferenceStrings.sv,
        activityTypes: activityTypeStrings.sv,
        targets: targetStrings.sv,
        resources: resourceStrings.sv,
        calendarFeed: calendarFeedStrings.sv,
      },
    },
  },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = i18n.language;

export function setLanguage(code: Language) {
  localStorage.setItem(STORAGE_KEY, code);
  document.documentElement.lang = code;
  void i18n.changeLanguage(code);
}

/** The BCP 47 locale used by Intl for the chosen language. */
export function currentLocale(): string {
  return LANGUAGES.find((l) => l.code === i18n.language)?.locale ?? 'en-GB';
}

export { i18n };
