import { z } from 'zod';
import { TimeZoneSchema } from './activities.ts';

export const LanguageSchema = z.enum(['en', 'nb', 'sv']).describe('English, Norwegian bokmål or Swedish');
export type Language = z.infer<typeof LanguageSchema>;

/** A member's own settings in the workspace: their time zone, language, and whether reminders also come by mail. */
export const PreferencesSchema = z.object({
  timeZone: z.string().describe('IANA time zone: times are shown and weeks start in it'),
  language: LanguageSchema.describe('The language of the app and of the mails Rapport sends you'),
  reminderEmail: z.boolean().describe('Reminders also come by e-mail'),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export const PreferencesPatchSchema = z
  .object({
    timeZone: TimeZoneSchema.optional(),
    language: LanguageSchema.optional(),
    reminderEmail: z.boolean().optional(),
  })
  .strict()
  .refine(
    (v) => v.timeZone !== undefined || v.language !== undefined || v.reminderEmail !== undefined,
    'Send timeZone, language or reminderEmail',
  );
export type PreferencesPatch = z.infer<typeof PreferencesPatchSchema>;
