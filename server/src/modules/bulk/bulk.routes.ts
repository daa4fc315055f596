import { BulkActionSchema, BulkResultSchema } from '@rapport/contracts/bulk.ts';
import type { FastifyInstance } from 'fastify';
import { route } from '../../http/route.ts';
import { runBulk } from './bulk.service.ts';

export function registerBulkRoutes(app: FastifyInstance) {
  route(app, {
    method: 'POST',
    url: '/api/v1/companies/bulk',
    permission: 'write',
    summary: 'Change owner, add or remove a category, delete or restore up to 1,000 selected companies',
    tags: ['Companies'],
    schema: { body: BulkActionSchema, response: { 200: BulkResultSchema } },
    handler: (ctx, { body }) => runBulk(ctx, 'company', body),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/contacts/bulk',
    permission: 'write',
    summary: 'Change owner, delete or restore up to 1,000 selected contacts',
    tags: ['Contacts'],
    schema: { body: BulkActionSchema, response: { 200: BulkResultSchema } },
    handler: (ctx, { body }) => runBulk(ctx, 'contact', body),
  });
}
