import {
  CategoryCreateSchema,
  CategoryListQuerySchema,
  CategoryListSchema,
  CategoryOrderSchema,
  CategoryPatchSchema,
  CategorySchema,
  CategoryStatsExportQuerySchema,
  CategoryStatsListSchema,
  CategoryStatsSchema,
} from '@rapport/contracts/categories.ts';
import { IdParamsSchema } from '@rapport/contracts/common.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { contentDisposition } from '../documents/file-types.ts';
import * as svc from './categories.service.ts';
import { categoryStats, exportStats } from './category-stats.ts';

const tags = ['Categories'];

export function registerCategoryRoutes(app: FastifyInstance) {
  route(app, {
    method: 'GET',
    url: '/api/v1/categories',
    permission: 'read',
    summary: 'Company categories with their custom fields, in their order (`deleted=true`: the archived ones)',
    tags,
    schema: { querystring: CategoryListQuerySchema, response: { 200: CategoryListSchema } },
    handler: (ctx, { query }) => svc.listCategories(ctx, query.deleted === 'true'),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/categories',
    permission: 'manage',
    summary: 'Create a category with its fields (at most 100 categories in use per workspace)',
    tags,
    status: 201,
    schema: { body: CategoryCreateSchema, response: { 201: CategorySchema } },
    handler: (ctx, { body }) => svc.createCategory(ctx, body),
  });

  route(app, {
    method: 'PUT',
    url: '/api/v1/categories/order',
    permission: 'manage',
    summary: 'Reorder the categories: send every category in use in the new order',
    tags,
    schema: { body: CategoryOrderSchema, response: { 200: CategoryListSchema } },
    handler: (ctx, { body }) => svc.orderCategories(ctx, body.ids),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/categories/stats',
    permission: 'read',
    summary: 'Statistics of every category: companies, and per field values filled, sum, average, min and max',
    tags,
    schema: { response: { 200: CategoryStatsListSchema } },
    handler: async (ctx) => ({ items: await categoryStats(ctx, null) }),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/categories/stats/export',
    permission: 'read',
    summary: 'Download the category statistics as CSV (UTF-8 with BOM) or XLSX',
    tags,
    schema: { querystring: CategoryStatsExportQuerySchema, response: { 200: z.string().describe('The file') } },
    handler: async (ctx, { query }, reply) => {
      const file = await exportStats(ctx, query);
      reply
        .header('content-type', file.contentType)
        .header('content-disposition', contentDisposition(file.fileName, false))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store');
      file.stream.on('error', (err) => reply.log.error({ err }, 'statistics export failed while streaming'));
      return file.stream as never;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/categories/:id',
    permission: 'read',
    summary: 'Get a category with its fields',
    tags,
    schema: { params: IdParamsSchema, response: { 200: CategorySchema } },
    handler: (ctx, { params }) => svc.getCategory(ctx, params.id),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/v1/categories/:id',
    permission: 'manage',
    summary:
      'Change a category and its fields; `fields` is the whole list in order (a field left out is removed, its values kept). Send the `version` you read',
    tags,
    schema: { params: IdParamsSchema, body: CategoryPatchSchema, response: { 200: CategorySchema } },
    handler: (ctx, { params, body }) => svc.updateCategory(ctx, params.id, body),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/v1/categories/:id',
    permission: 'manage',
    summary: 'Archive a category: it disappears from cards, lists and statistics; companies keep their values',
    tags,
    status: 204,
    schema: { params: IdParamsSchema, response: { 204: z.null() } },
    handler: async (ctx, { params }) => {
      await svc.archiveCategory(ctx, params.id);
      return undefined;
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/categories/:id/restore',
    permission: 'manage',
    summary: 'Restore an archived category with its companies and values',
    tags,
    schema: { params: IdParamsSchema, response: { 200: CategorySchema } },
    handler: (ctx, { params }) => svc.restoreCategory(ctx, params.id),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/categories/:id/stats',
    permission: 'read',
    summary: 'Statistics of one category over the companies the caller can see',
    tags,
    schema: { params: IdParamsSchema, response: { 200: CategoryStatsSchema } },
    handler: async (ctx, { params }) => (await categoryStats(ctx, params.id))[0] as z.input<typeof CategoryStatsSchema>,
  });
}
