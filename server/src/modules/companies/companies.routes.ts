import { IdParamsSchema } from '@rapport/contracts/common.ts';
import {
  CompanyCreateSchema,
  CompanyDuplicateListSchema,
  CompanyDuplicateQuerySchema,
  CompanyListQuerySchema,
  CompanyMergeSchema,
  CompanyPageSchema,
  CompanyPatchSchema,
  CompanySchema,
} from '@rapport/contracts/companies.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import * as svc from './companies.service.ts';
import { findDuplicateCompanies, mergeCompanies } from './merge-companies.ts';

const tags = ['Companies'];

export function registerCompanyRoutes(app: FastifyInstance) {
  route(app, {
    method: 'GET',
    url: '/api/v1/companies',
    permission: 'read',
    summary: 'List companies (keyset pages, sort, filter, search; `deleted=true` lists the trash)',
    tags,
    schema: { querystring: CompanyListQuerySchema, response: { 200: CompanyPageSchema } },
    handler: (ctx, { query }) => svc.listCompanies(ctx, query),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/companies',
    permission: 'write',
    summary: 'Create a company',
    tags,
    status: 201,
    schema: { body: CompanyCreateSchema, response: { 201: CompanySchema } },
    handler: (ctx, { body }) => svc.createCompany(ctx, body),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/companies/duplicates',
    permission: 'read',
    summary: 'Possible duplicates: the same org number, a similar name, the same e-mail or phone',
    tags,
    schema: { querystring: CompanyDuplicateQuerySchema, response: { 200: CompanyDuplicateListSchema } },
    handler: (ctx, { query }) => findDuplicateCompanies(ctx, query),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/companies/:id/merge',
    permission: 'write',
    summary: 'Merge a duplicate into this company (contacts and notes move; the duplicate goes to the trash)',
    tags,
    schema: { params: IdParamsSchema, body: CompanyMergeSchema, response: { 200: CompanySchema } },
    handler: (ctx, { params, body }) => mergeCompanies(ctx, params.id, body),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/companies/:id',
    permission: 'read',
    summary: 'Get a company',
    tags,
    schema: { params: IdParamsSchema, response: { 200: CompanySchema } },
    handler: (ctx, { params }) => svc.getCompany(ctx, params.id),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/v1/companies/:id',
    permission: 'write',
    summary: 'Change a company; send the `version` you read (409 with the current record when it is stale)',
    tags,
    schema: { params: IdParamsSchema, body: CompanyPatchSchema, response: { 200: CompanySchema } },
    handler: (ctx, { params, body }) => svc.updateCompany(ctx, params.id, body),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/v1/companies/:id',
    permission: 'write',
    summary: 'Move a company to the trash',
    tags,
    status: 204,
    schema: { params: IdParamsSchema, response: { 204: z.null() } },
    handler: async (ctx, { params }) => {
      await svc.deleteCompany(ctx, params.id);
      return undefined;
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/companies/:id/restore',
    permission: 'write',
    summary: 'Restore a company from the trash',
    tags,
    schema: { params: IdParamsSchema, response: { 200: CompanySchema } },
    handler: (ctx, { params }) => svc.restoreCompany(ctx, params.id),
  });
}
