import { z } from 'zod';
import { TimestampSchema } from './common.ts';

/** The caller's own secret iCalendar feed: whether one is active (the address itself is shown only once). */
export const CalendarFeedStatusSchema = z
  .object({
    active: z.boolean(),
    createdAt: TimestampSchema.nullable().describe('When the current address was made'),
    lastUsedAt: TimestampSchema.nullable().describe('When a calendar last fetched it'),
  })
  .describe('Your calendar feed');
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatusSchema>;

export const CalendarFeedCreatedSchema = z
  .object({
    url: z.string().describe('The secret feed address (ends in .ics). Shown only now: Rapport keeps only a hash of it'),
    createdAt: TimestampSchema,
  })
  .describe('A new feed address; any earlier one stops working');
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreatedSchema>;

/** The secret part of a feed address; a wrong one simply answers 404. */
export const CalendarFeedTokenParamsSchema = z.object({ token: z.string().max(200) });

/** An iCalendar document (text/calendar). */
export const ICalendarSchema = z.string().describe('iCalendar (RFC 5545), text/calendar');
