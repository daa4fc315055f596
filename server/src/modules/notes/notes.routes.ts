import { IdParamsSchema } from '@rapport/contracts/common.ts';
import {
  NoteCreateSchema,
  NoteListQuerySchema,
  NoteListSchema,
  NotePatchSchema,
  NoteSchema,
} from '@rapport/contracts/notes.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import * as svc from './notes.service.ts';

const tags = ['Notes'];

export function registerNoteRoutes(app: FastifyInstance) {
  route(app, {
    method: 'GET',
    url: '/api/v1/notes',
    permission: 'read',
    summary: 'The wall of notes of a company or contact, newest first',
    tags,
    schema: { querystring: NoteListQuerySchema, response: { 200: NoteListSchema } },
    handler: (ctx, { query }) => svc.listNotes(ctx, query.entity, query.entityId, query.limit, query.before),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/notes',
    permission: 'write',
    summary: 'Write a note; mentioned colleagues are notified by e-mail',
    tags,
    status: 201,
    schema: { body: NoteCreateSchema, response: { 201: NoteSchema } },
    handler: (ctx, { body }) => svc.createNote(ctx, body),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/v1/notes/:id',
    permission: 'write',
    summary: 'Change a note (its author, or a manager)',
    tags,
    schema: { params: IdParamsSchema, body: NotePatchSchema, response: { 200: NoteSchema } },
    handler: (ctx, { params, body }) => svc.updateNote(ctx, params.id, body),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/v1/notes/:id',
    permission: 'write',
    summary: 'Delete a note (its author, or a manager)',
    tags,
    status: 204,
    schema: { params: IdParamsSchema, response: { 204: z.null().describe('Deleted') } },
    handler: async (ctx, { params }) => {
      await svc.deleteNote(ctx, params.id);
      return undefined;
    },
  });
}
