import 'i18next';
import type { listStrings } from '../components/list-tools/i18n.ts';
import type { activityStrings } from '../features/activities/i18n.ts';
import type { activityTypeStrings } from '../features/activity-types/i18n.ts';
import type { calendarFeedStrings } from '../features/calendar-feed/i18n.ts';
import type { categoryStrings } from '../features/categories/i18n.ts';
import type { cardStrings } from '../features/companies/card-i18n.ts';
import type { diaryStrings } from '../features/diary/i18n.ts';
import type { mergeStrings } from '../features/merge/i18n.ts';
import type { notesStrings } from '../features/notes/i18n.ts';
import type { notificationStrings } from '../features/notifications/i18n.ts';
import type { preferenceStrings } from '../features/preferences/i18n.ts';
import type { registryStrings } from '../features/registries/i18n.ts';
import type { relationStrings } from '../features/relations/i18n.ts';
import type { resourceStrings } from '../features/resources/i18n.ts';
import type { globalSearchStrings } from '../features/search/i18n.ts';
import type { targetStrings } from '../features/targets/i18n.ts';
import type { en } from './en.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof en & { lists: (typeof listStrings)['en'] } & {
        card: (typeof cardStrings)['en'];
        categories: (typeof categoryStrings)['en'];
        notes: (typeof notesStrings)['en'];
        registry: (typeof registryStrings)['en'];
        merge: (typeof mergeStrings)['en'];
        globalSearch: (typeof globalSearchStrings)['en'];
        relations: (typeof relationStrings)['en'];
        diary: (typeof diaryStrings)['en'];
        activities: (typeof activityStrings)['en'];
        bell: (typeof notificationStrings)['en'];
        preferences: (typeof preferenceStrings)['en'];
        activityTypes: (typeof activityTypeStrings)['en'];
        targets: (typeof targetStrings)['en'];
        resources: (typeof resourceStrings)['en'];
        calendarFeed: (typeof calendarFeedStrings)['en'];
      };
    };
  }
}
