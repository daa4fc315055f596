import { IdParamsSchema } from '@rapport/contracts/common.ts';
import {
  ContactCreateSchema,
  ContactDuplicateListSchema,
  ContactDuplicateQuerySchema,
  ContactListQuerySchema,
  ContactMergeSchema,
  ContactPageSchema,
  ContactPatchSchema,
  ContactSchema,
} from '@rapport/contracts/contacts.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import * as svc from './contacts.service.ts';
import { findDuplicateContacts, mergeContacts } from './merge-contacts.ts';

const tags = ['Contacts'];

export function registerContactRoutes(app: FastifyInstance) {
  route(app, {
    method: 'GET',
    url: '/api/v1/contacts',
    permission: 'read',
    summary: 'List contacts (keyset pages, sort, filter, search; `deleted=true` lists the trash)',
    tags,
    schema: { querystring: ContactListQuerySchema, response: { 200: ContactPageSchema } },
    handler: (ctx, { query }) => svc.listContacts(ctx, query),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/contacts',
    permission: 'write',
    summary: 'Create a contact',
    tags,
    status: 201,
    schema: { body: ContactCreateSchema, response: { 201: ContactSchema } },
    handler: (ctx, { body }) => svc.createContact(ctx, body),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/contacts/duplicates',
    permission: 'read',
    summary: 'Possible duplicates: the same e-mail or phone, or a close name in the same company',
    tags,
    schema: { querystring: ContactDuplicateQuerySchema, response: { 200: ContactDuplicateListSchema } },
    handler: (ctx, { query }) => findDuplicateContacts(ctx, query),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/contacts/:id/merge',
    permission: 'write',
    summary:
      'Merge a duplicate into this contact: chosen fields, notes and links move over, the duplicate goes to the trash',
    tags,
    schema: { params: IdParamsSchema, body: ContactMergeSchema, response: { 200: ContactSchema } },
    handler: (ctx, { params, body }) => mergeContacts(ctx, params.id, body),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/contacts/:id',
    permission: 'read',
    summary: 'Get a contact',
    tags,
    schema: { params: IdParamsSchema, response: { 200: ContactSchema } },
    handler: (ctx, { params }) => svc.getContact(ctx, params.id),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/v1/contacts/:id',
    permission: 'write',
    summary: 'Change a contact; send the `version` you read (409 with the current record when it is stale)',
    tags,
    schema: { params: IdParamsSchema, body: ContactPatchSchema, response: { 200: ContactSchema } },
    handler: (ctx, { params, body }) => svc.updateContact(ctx, params.id, body),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/v1/contacts/:id',
    permission: 'write',
    summary: 'Move a contact to the trash',
    tags,
    status: 204,
    schema: { params: IdParamsSchema, response: { 204: z.null() } },
    handler: async (ctx, { params }) => {
      await svc.deleteContact(ctx, params.id);
      return undefined;
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/contacts/:id/restore',
    permission: 'write',
    summary: 'Restore a contact from the trash',
    tags,
    schema: { params: IdParamsSchema, response: { 200: ContactSchema } },
    handler: (ctx, { params }) => svc.restoreContact(ctx, params.id),
  });
}
