import {
  ResourceCreateSchema,
  ResourceListQuerySchema,
  ResourceListSchema,
  ResourcePatchSchema,
  ResourceSchema,
} from '@rapport/contracts/activities.ts';
import { IdParamsSchema } from '@rapport/contracts/common.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import * as svc from './resources.service.ts';

const tags = ['Resources'];

/** Bookable rooms and equipment. Their calendars are the diary's (`GET /api/v1/diary?resourceIds=`). */
export function registerResourceRoutes(app: FastifyInstance) {
  route(app, {
    method: 'GET',
    url: '/api/v1/resources',
    permission: 'read',
    summary: 'Bookable rooms and equipment, by name',
    tags,
    schema: { querystring: ResourceListQuerySchema, response: { 200: ResourceListSchema } },
    handler: (ctx, { query }) => svc.listResources(ctx, query.archived === 'true'),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/resources',
    permission: 'manage',
    summary: 'Add a room or a piece of equipment that activities can book',
    tags,
    status: 201,
    schema: { body: ResourceCreateSchema, response: { 201: ResourceSchema } },
    handler: (ctx, { body }) => svc.createResource(ctx, body),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/resources/:id',
    permission: 'read',
    summary: 'One room or piece of equipment',
    tags,
    schema: { params: IdParamsSchema, response: { 200: ResourceSchema } },
    handler: (ctx, { params }) => svc.getResource(ctx, params.id),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/v1/resources/:id',
    permission: 'manage',
    summary: 'Rename, change, archive (`archived: true`) or restore a room or piece of equipment',
    tags,
    schema: { params: IdParamsSchema, body: ResourcePatchSchema, response: { 200: ResourceSchema } },
    handler: (ctx, { params, body }) => svc.updateResource(ctx, params.id, body),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/v1/resources/:id',
    permission: 'manage',
    summary: 'Archive a room or piece of equipment: it can no longer be booked; its bookings stay',
    tags,
    status: 204,
    schema: { params: IdParamsSchema, response: { 204: z.null().describe('Archived') } },
    handler: async (ctx, { params }) => {
      await svc.archiveResource(ctx, params.id);
      return undefined;
    },
  });
}
