import {
  NotificationListQuerySchema,
  NotificationPageSchema,
  NotificationReadResultSchema,
  NotificationReadSchema,
} from '@rapport/contracts/notifications.ts';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Deps } from '../../http/context.ts';
import { route } from '../../http/route.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import { createLiveHub, registerLiveRoute } from './live.ts';
import * as svc from './notifications.service.ts';
import { defineReminderJob, scheduleUpcomingReminders } from './reminders.ts';

const tags = ['Notifications'];

/**
 * The bell: my notifications and marking them read; live delivery over the WebSocket `/api/v1/live`; and the
 * reminder job (activity reminders as notifications and mails).
 */
export function registerNotificationRoutes(
  app: FastifyInstance,
  deps: Deps,
  opts: { jobs: Jobs; connectionString: string },
) {
  const log = app.log as unknown as Logger;
  defineReminderJob(opts.jobs, { db: deps.db, mailer: deps.mailer, config: deps.config, log });
  let closing = false;
  app.addHook('onReady', async () => {
    if (!opts.jobs.started) return;
    // Reminders of activities saved while no background jobs ran are queued now (in the background).
    void scheduleUpcomingReminders(opts.jobs, deps.db, () => closing).then(
      (n) => n > 0 && log.info(`queued ${n} activity reminder(s)`),
      (err) => !closing && log.error({ err }, 'could not queue the upcoming activity reminders'),
    );
  });
  app.addHook('onClose', async () => {
    closing = true;
  });

  const hub = createLiveHub({ connectionString: opts.connectionString, db: deps.db, log });
  app.addHook('onClose', async () => {
    await hub.stop();
  });
  registerLiveRoute(app, deps, hub);

  route(app, {
    method: 'GET',
    url: '/api/v1/notifications',
    permission: 'read',
    summary:
      'My notifications, newest first, with the number unread. New ones also arrive live on the WebSocket /api/v1/live as {type:"notification", notification, unread}',
    tags,
    schema: { querystring: NotificationListQuerySchema, response: { 200: NotificationPageSchema } },
    handler: async (ctx, { query }) => svc.listNotifications(ctx, query),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/notifications/read',
    permission: 'read',
    summary: 'Mark notifications of mine read: `{ids: [...]}` or `{all: true}`',
    tags,
    schema: { body: NotificationReadSchema, response: { 200: NotificationReadResultSchema } },
    handler: async (ctx, { body }) => svc.readNotifications(ctx, body),
  });
}
