import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common.ts';

/**
 * In-app notifications (the bell). The server stores what happened (`kind`) and its facts (`params`); the app
 * renders the sentence in the reader's language. Kinds so far: `activity.assigned` (params activityId, title,
 * start, actorName), `activity.reminder` (activityId, title, start, allDay, occurrenceStart),
 * `activity.invitation` (activityId, title, contactName, response), `mention`.
 */
export const NotificationSchema = z
  .object({
    id: IdSchema,
    kind: z.string().describe('What happened, e.g. activity.assigned'),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    path: z.string().nullable().describe('Where a click leads in the app'),
    actorId: IdSchema.nullable(),
    actorName: z.string().nullable(),
    createdAt: TimestampSchema,
    read: z.boolean(),
  })
  .describe('A notification of the signed-in user');
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    before: IdSchema.optional().describe('The last notification of the previous page: the next page starts after it'),
  })
  .strict();
export type NotificationListQuery = z.input<typeof NotificationListQuerySchema>;

export const NotificationPageSchema = z.object({
  items: z.array(NotificationSchema).describe('Newest first'),
  unread: z.number().int().describe('How many of mine are unread (all, not only this page)'),
  nextBefore: IdSchema.nullable().describe('Pass as `before` for the next page; null at the end'),
});
export type NotificationPage = z.infer<typeof NotificationPageSchema>;

export const NotificationReadSchema = z
  .union([z.object({ ids: z.array(IdSchema).min(1).max(500) }).strict(), z.object({ all: z.literal(true) }).strict()])
  .describe('Mark these notifications of mine read, or all of them');
export type NotificationRead = z.infer<typeof NotificationReadSchema>;

export const NotificationReadResultSchema = z.object({
  changed: z.number().int(),
  unread: z.number().int(),
});

/**
 * Messages on the WebSocket `/api/v1/live`: a new notification with the new unread count, the unread count after
 * notifications were read elsewhere, or `resync` (something may have been missed: fetch again).
 */
export type LiveMessage =
  | { type: 'notification'; notification: Notification; unread: number }
  | { type: 'unread'; unread: number }
  | { type: 'resync' };
