import { IdParamsSchema } from '@rapport/contracts/common.ts';
import {
  CompanyGroupSchema,
  CompanyRelationCreateSchema,
  CompanyRelationListQuerySchema,
  CompanyRelationListSchema,
  CompanyRelationPatchSchema,
  CompanyRelationSchema,
  ContactRelationCreateSchema,
  ContactRelationListQuerySchema,
  ContactRelationListSchema,
  ContactRelationPatchSchema,
  ContactRelationSchema,
  RelationTypeCreateSchema,
  RelationTypeListQuerySchema,
  RelationTypeListSchema,
  RelationTypePatchSchema,
  RelationTypeSchema,
} from '@rapport/contracts/relations.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import * as svc from './relations.service.ts';

const tags = ['Relations'];
const deleted = { 204: z.null().describe('Deleted') };

export function registerRelationRoutes(app: FastifyInstance) {
  route(app, {
    method: 'GET',
    url: '/api/v1/relation-types',
    permission: 'read',
    summary: 'The kinds of relations between companies, and of people to companies (built-in ones included)',
    tags,
    schema: { querystring: RelationTypeListQuerySchema, response: { 200: RelationTypeListSchema } },
    handler: (ctx, { query }) => svc.listRelationTypes(ctx, query.kind),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/relation-types',
    permission: 'manage',
    summary: 'Add a relation type: one-way with a label for each side, or symmetric with one label',
    tags,
    status: 201,
    schema: { body: RelationTypeCreateSchema, response: { 201: RelationTypeSchema } },
    handler: (ctx, { body }) => svc.createRelationType(ctx, body),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/v1/relation-types/:id',
    permission: 'manage',
    summary: 'Rename a relation type',
    tags,
    schema: { params: IdParamsSchema, body: RelationTypePatchSchema, response: { 200: RelationTypeSchema } },
    handler: (ctx, { params, body }) => svc.updateRelationType(ctx, params.id, body),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/v1/relation-types/:id',
    permission: 'manage',
    summary: 'Delete a relation type no relation uses (the parent/subsidiary type cannot be deleted)',
    tags,
    status: 204,
    schema: { params: IdParamsSchema, response: deleted },
    handler: async (ctx, { params }) => {
      await svc.deleteRelationType(ctx, params.id);
      return undefined;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/company-relations',
    permission: 'read',
    summary: "A company's relations in both directions, labelled from its own viewpoint",
    tags,
    schema: { querystring: CompanyRelationListQuerySchema, response: { 200: CompanyRelationListSchema } },
    handler: (ctx, { query }) => svc.listCompanyRelations(ctx, query.companyId, query.limit),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/company-relations',
    permission: 'write',
    summary:
      'Relate two companies. Refused: a company with itself, the same type twice for a pair, a parent/subsidiary cycle, a second parent company',
    tags,
    status: 201,
    schema: { body: CompanyRelationCreateSchema, response: { 201: CompanyRelationSchema } },
    handler: (ctx, { body }) => svc.createCompanyRelation(ctx, body),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/v1/company-relations/:id',
    permission: 'write',
    summary: 'Change the type or note of a company relation',
    tags,
    schema: { params: IdParamsSchema, body: CompanyRelationPatchSchema, response: { 200: CompanyRelationSchema } },
    handler: (ctx, { params, body }) => svc.updateCompanyRelation(ctx, params.id, body),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/v1/company-relations/:id',
    permission: 'write',
    summary: 'Remove a company relation (recorded in the history of both companies)',
    tags,
    status: 204,
    schema: { params: IdParamsSchema, response: deleted },
    handler: async (ctx, { params }) => {
      await svc.deleteCompanyRelation(ctx, params.id);
      return undefined;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/companies/:id/group',
    permission: 'read',
    summary: 'The group tree of a company: its top parent company and every subsidiary below, with depth',
    tags,
    schema: { params: IdParamsSchema, response: { 200: CompanyGroupSchema } },
    handler: (ctx, { params }) => svc.getCompanyGroup(ctx, params.id),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/contact-relations',
    permission: 'read',
    summary:
      'The companies a contact is linked to by relation (`contactId`), or the people linked to a company (`companyId`)',
    tags,
    schema: { querystring: ContactRelationListQuerySchema, response: { 200: ContactRelationListSchema } },
    handler: (ctx, { query }) => svc.listContactRelations(ctx, query),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/contact-relations',
    permission: 'write',
    summary: 'Link a contact to a company other than its employer, in a role (board member, consultant, ...)',
    tags,
    status: 201,
    schema: { body: ContactRelationCreateSchema, response: { 201: ContactRelationSchema } },
    handler: (ctx, { body }) => svc.createContactRelation(ctx, body),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/v1/contact-relations/:id',
    permission: 'write',
    summary: "Change the role or note of a contact's relation",
    tags,
    schema: { params: IdParamsSchema, body: ContactRelationPatchSchema, response: { 200: ContactRelationSchema } },
    handler: (ctx, { params, body }) => svc.updateContactRelation(ctx, params.id, body),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/v1/contact-relations/:id',
    permission: 'write',
    summary: "Remove a contact's relation to a company",
    tags,
    status: 204,
    schema: { params: IdParamsSchema, response: deleted },
    handler: async (ctx, { params }) => {
      await svc.deleteContactRelation(ctx, params.id);
      return undefined;
    },
  });
}
