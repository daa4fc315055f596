import 'i18next';
import type { listStrings } from '../components/list-tools/i18n.ts';
import type { en } from './en.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en & { lists: (typeof listStrings)['en'] } };
  }
}
