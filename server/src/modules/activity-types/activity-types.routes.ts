import {
  ActivityTypeCreateSchema,
  ActivityTypeListSchema,
  ActivityTypePatchSchema,
  ActivityTypeSchema,
} from '@rapport/contracts/activities.ts';
import { IdParamsSchema, IdSchema } from '@rapport/contracts/common.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import * as svc from './activity-types.service.ts';

const tags = ['Activity types'];

const ListQuerySchema = z
  .object({
    includeArchived: z.enum(['true', 'false']).default('false').describe('`true` lists the archived types too'),
  })
  .strict();
const OrderSchema = z
  .object({ ids: z.array(IdSchema).min(1).max(svc.MAX_TYPES).describe('Every type in use, in the new order') })
  .strict();

export function registerActivityTypeRoutes(app: FastifyInstance) {
  route(app, {
    method: 'GET',
    url: '/api/v1/activity-types',
    permission: 'read',
    summary: 'Activity types in their order, with the points a done activity of each type earns',
    tags,
    schema: { querystring: ListQuerySchema, response: { 200: ActivityTypeListSchema } },
    handler: (ctx, { query }) => svc.listTypes(ctx, query.includeArchived === 'true'),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/activity-types',
    permission: 'admin',
    summary: 'Add an activity type (one of the kinds task, call or meeting) with its points, colour and duration',
    tags,
    status: 201,
    schema: { body: ActivityTypeCreateSchema, response: { 201: ActivityTypeSchema } },
    handler: (ctx, { body }) => svc.createType(ctx, body),
  });

  route(app, {
    method: 'PUT',
    url: '/api/v1/activity-types/order',
    permission: 'admin',
    summary: 'Reorder the activity types: send every type in use in the new order',
    tags,
    schema: { body: OrderSchema, response: { 200: ActivityTypeListSchema } },
    handler: (ctx, { body }) => svc.orderTypes(ctx, body.ids),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/v1/activity-types/:id',
    permission: 'admin',
    summary:
      'Change an activity type: name (not of the built-in ones), points, colour, default duration, order. Send the `version` you read',
    tags,
    schema: { params: IdParamsSchema, body: ActivityTypePatchSchema, response: { 200: ActivityTypeSchema } },
    handler: (ctx, { params, body }) => svc.updateType(ctx, params.id, body),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/v1/activity-types/:id',
    permission: 'admin',
    summary: 'Archive an activity type (not a built-in one): no longer offered; its activities keep it',
    tags,
    status: 204,
    schema: { params: IdParamsSchema, response: { 204: z.null() } },
    handler: async (ctx, { params }) => {
      await svc.archiveType(ctx, params.id);
      return undefined;
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/activity-types/:id/restore',
    permission: 'admin',
    summary: 'Restore an archived activity type',
    tags,
    schema: { params: IdParamsSchema, response: { 200: ActivityTypeSchema } },
    handler: (ctx, { params }) => svc.restoreType(ctx, params.id),
  });
}
