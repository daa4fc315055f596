import {
  ActivityBulkSchema,
  ActivityCreateSchema,
  ActivityDeleteQuerySchema,
  ActivityListQuerySchema,
  ActivityPageSchema,
  ActivityPatchSchema,
  ActivitySchema,
} from '@rapport/contracts/activities.ts';
import { BulkResultSchema } from '@rapport/contracts/bulk.ts';
import { IdParamsSchema } from '@rapport/contracts/common.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import * as svc from './activities.service.ts';

const tags = ['Activities'];

export function registerActivityRoutes(app: FastifyInstance) {
  route(app, {
    method: 'GET',
    url: '/api/v1/activities',
    permission: 'read',
    summary:
      'The task list: activities the caller may see (who, due in the caller’s time zone, status, company, contact; keyset pages, sort, filter, search; `deleted=true` lists the trash)',
    tags,
    schema: { querystring: ActivityListQuerySchema, response: { 200: ActivityPageSchema } },
    handler: (ctx, { query }) => svc.listActivities(ctx, query),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/activities',
    permission: 'write',
    summary: 'Create a task, call or meeting; a colleague it is given to or who takes part is notified and e-mailed',
    tags,
    status: 201,
    schema: { body: ActivityCreateSchema, response: { 201: ActivitySchema } },
    handler: (ctx, { body }) => svc.createActivity(ctx, body),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/activities/bulk',
    permission: 'write',
    summary: 'Complete, reopen, reassign or delete up to 1,000 activities, each with the rules of a single change',
    tags,
    schema: { body: ActivityBulkSchema, response: { 200: BulkResultSchema } },
    handler: (ctx, { body }) => svc.bulkActivities(ctx, body),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/activities/:id',
    permission: 'read',
    summary: 'Get an activity',
    tags,
    schema: { params: IdParamsSchema, response: { 200: ActivitySchema } },
    handler: (ctx, { params }) => svc.getActivity(ctx, params.id),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/v1/activities/:id',
    permission: 'write',
    summary:
      'Change an activity; send the `version` you read (409 with the current one when stale). A repeating series needs `scope` (this/following/all) and, for this/following, `occurrenceStart`',
    tags,
    schema: { params: IdParamsSchema, body: ActivityPatchSchema, response: { 200: ActivitySchema } },
    handler: (ctx, { params, body }) => svc.updateActivity(ctx, params.id, body),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/v1/activities/:id',
    permission: 'write',
    summary:
      'Move an activity to the trash; for a repeating series `?scope=this|following|all` (with `occurrenceStart` for this/following)',
    tags,
    status: 204,
    schema: { params: IdParamsSchema, querystring: ActivityDeleteQuerySchema, response: { 204: z.null() } },
    handler: async (ctx, { params, query }) => {
      await svc.deleteActivity(ctx, params.id, query);
      return undefined;
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/activities/:id/restore',
    permission: 'write',
    summary: 'Restore an activity from the trash (refused when its room has been booked meanwhile)',
    tags,
    schema: { params: IdParamsSchema, response: { 200: ActivitySchema } },
    handler: (ctx, { params }) => svc.restoreActivity(ctx, params.id),
  });
}
