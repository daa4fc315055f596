import {
  CalendarFeedCreatedSchema,
  CalendarFeedStatusSchema,
  CalendarFeedTokenParamsSchema,
  ICalendarSchema,
} from '@rapport/contracts/calendar.ts';
import { IdParamsSchema } from '@rapport/contracts/common.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../http/context.ts';
import { openRoute, route } from '../../http/route.ts';
import { contentDisposition } from '../documents/file-types.ts';
import * as svc from './calendar.service.ts';

const tags = ['Calendar'];

export function registerCalendarRoutes(app: FastifyInstance, deps: Deps) {
  route(app, {
    method: 'GET',
    url: '/api/v1/calendar-feed',
    permission: 'read',
    summary: 'Whether you have a calendar feed address, and since when (the address itself is shown only once)',
    tags,
    schema: { response: { 200: CalendarFeedStatusSchema } },
    handler: (ctx) => svc.getFeedStatus(ctx),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/calendar-feed',
    permission: 'read',
    summary: 'Make a new secret calendar feed address (an earlier one stops working); shown only in this answer',
    tags,
    status: 201,
    schema: { response: { 201: CalendarFeedCreatedSchema } },
    handler: (ctx) => svc.createFeed(ctx),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/v1/calendar-feed',
    permission: 'read',
    summary: 'Revoke your calendar feed address: subscribed calendars stop getting updates',
    tags,
    status: 204,
    schema: { response: { 204: z.null().describe('Revoked') } },
    handler: async (ctx) => {
      await svc.revokeFeed(ctx);
      return undefined;
    },
  });

  openRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/calendar-feed/:token.ics',
    permission: 'public',
    summary:
      'A calendar feed (iCalendar) for Outlook, Google or Apple calendars: the secret address is the key. A wrong or revoked one answers 404',
    tags,
    schema: { params: CalendarFeedTokenParamsSchema, response: { 200: ICalendarSchema } },
    handler: async (ctx, { params }, reply) => {
      const text = await svc.renderFeed({ db: ctx.db, publicUrl: ctx.config.publicUrl }, params.token, ctx.now);
      reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="rapport.ics"')
        .header('cache-control', 'private, no-cache')
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer');
      return text;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/activities/:id/ics',
    permission: 'read',
    summary: 'The activity as an iCalendar (.ics) file to add to a calendar (a series with all its occurrences)',
    tags: ['Activities'],
    schema: { params: IdParamsSchema, response: { 200: ICalendarSchema } },
    handler: async (ctx, { params }, reply) => {
      const { fileName, text } = await svc.activityIcs(ctx, params.id);
      reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', contentDisposition(fileName, false))
        .header('x-content-type-options', 'nosniff');
      return text;
    },
  });
}
