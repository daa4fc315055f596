import { IdParamsSchema } from '@rapport/contracts/common.ts';
import {
  ViewCreateSchema,
  ViewListQuerySchema,
  ViewListSchema,
  ViewPatchSchema,
  ViewSchema,
} from '@rapport/contracts/views.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import * as svc from './views.service.ts';

const tags = ['Saved views'];

// Views are the reader's own way of looking at a list, so read-only members may keep personal ones.
export function registerViewRoutes(app: FastifyInstance) {
  route(app, {
    method: 'GET',
    url: '/api/v1/views',
    permission: 'read',
    summary: 'Saved views of a list: the shared ones and the reader’s personal ones',
    tags,
    schema: { querystring: ViewListQuerySchema, response: { 200: ViewListSchema } },
    handler: (ctx, { query }) => svc.listViews(ctx, query.entity),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/views',
    permission: 'read',
    summary: 'Save a view (columns, filters, sort); `shared` makes it visible to the whole workspace',
    tags,
    status: 201,
    schema: { body: ViewCreateSchema, response: { 201: ViewSchema } },
    handler: (ctx, { body }) => svc.createView(ctx, body),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/views/:id',
    permission: 'read',
    summary: 'A saved view',
    tags,
    schema: { params: IdParamsSchema, response: { 200: ViewSchema } },
    handler: (ctx, { params }) => svc.getView(ctx, params.id),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/v1/views/:id',
    permission: 'read',
    summary: 'Change a view (its creator, or a manager when shared); send the `version` you read',
    tags,
    schema: { params: IdParamsSchema, body: ViewPatchSchema, response: { 200: ViewSchema } },
    handler: (ctx, { params, body }) => svc.updateView(ctx, params.id, body),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/v1/views/:id',
    permission: 'read',
    summary: 'Delete a view (its creator, or a manager when shared)',
    tags,
    status: 204,
    schema: { params: IdParamsSchema, response: { 204: z.null() } },
    handler: async (ctx, { params }) => {
      await svc.deleteView(ctx, params.id);
      return undefined;
    },
  });

  route(app, {
    method: 'PUT',
    url: '/api/v1/views/:id/default',
    permission: 'read',
    summary: 'Open the list with this view from now on (replaces the reader’s previous default)',
    tags,
    schema: { params: IdParamsSchema, response: { 200: ViewSchema } },
    handler: (ctx, { params }) => svc.setDefaultView(ctx, params.id),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/v1/views/:id/default',
    permission: 'read',
    summary: 'Stop opening the list with this view',
    tags,
    status: 204,
    schema: { params: IdParamsSchema, response: { 204: z.null() } },
    handler: async (ctx, { params }) => {
      await svc.clearDefaultView(ctx, params.id);
      return undefined;
    },
  });
}
