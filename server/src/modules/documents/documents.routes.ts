import fastifyMultipart from '@fastify/multipart';
import { ErrorBodySchema, IdParamsSchema } from '@rapport/contracts/common.ts';
import {
  DocumentContentQuerySchema,
  DocumentListQuerySchema,
  DocumentPageSchema,
  DocumentPatchSchema,
  DocumentSchema,
  DocumentTargetQuerySchema,
} from '@rapport/contracts/documents.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorBody, invalid } from '../../http/errors.ts';
import { route } from '../../http/route.ts';
import * as svc from './documents.service.ts';
import { contentDisposition, servingOf } from './file-types.ts';

const tags = ['Documents'];

export function registerDocumentRoutes(app: FastifyInstance) {
  // Multipart parsing exists only for these routes; the limits per upload come from the config.
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits: { files: 1, fields: 10, parts: 12 } });

    route(scope, {
      method: 'POST',
      url: '/api/v1/documents',
      permission: 'write',
      summary:
        'Attach a file to a company or contact: multipart/form-data with one part `file` (and optionally `description` before it). Programs and scripts are refused; larger than DOCUMENT_MAX_BYTES gives 413',
      tags,
      status: 201,
      schema: {
        querystring: DocumentTargetQuerySchema,
        response: { 201: DocumentSchema, 413: ErrorBodySchema },
      },
      handler: async (ctx, { query }, reply) => {
        await svc.checkUploadTarget(ctx, query.entity, query.entityId);
        const req = reply.request;
        if (!req.isMultipart()) {
          throw invalid('file', 'Send the file as multipart/form-data in a part named "file"');
        }
        const part = await req.file({ limits: { fileSize: ctx.config.documentMaxBytes, files: 1, fields: 10 } });
        if (!part) throw invalid('file', 'The upload contains no file');
        const field = part.fields.description;
        const fieldValue = field && !Array.isArray(field) && field.type === 'field' ? String(field.value) : '';
        const description = (query.description ?? fieldValue).trim().slice(0, 1000) || null;
        try {
          return await svc.uploadDocument(ctx, query, {
            stream: part.file,
            filename: part.filename,
            mimetype: part.mimetype,
            description,
          });
        } catch (err) {
          if (err instanceof svc.TooLargeError) {
            // The closed code set has no "too large": the status says it, the message explains it.
            await reply
              .status(413)
              .send(errorBody('VALIDATION', err.message, [{ path: 'file', message: err.message }]));
            return undefined;
          }
          throw err;
        }
      },
    });
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/documents',
    permission: 'read',
    summary: 'Documents on a company or contact card, newest first (`deleted=true`: its trash)',
    tags,
    schema: { querystring: DocumentListQuerySchema, response: { 200: DocumentPageSchema } },
    handler: (ctx, { query }) => svc.listDocuments(ctx, query),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/documents/:id',
    permission: 'read',
    summary: 'A document’s details',
    tags,
    schema: { params: IdParamsSchema, response: { 200: DocumentSchema } },
    handler: (ctx, { params }) => svc.getDocument(ctx, params.id),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/documents/:id/content',
    permission: 'read',
    summary:
      'Download the file. HTML, SVG and scripts always come as application/octet-stream attachments; `inline=true` shows images, PDF and text in the browser',
    tags,
    schema: {
      params: IdParamsSchema,
      querystring: DocumentContentQuerySchema,
      response: { 200: z.string().describe('The file’s bytes') },
    },
    handler: async (ctx, { params, query }, reply) => {
      const { document, stream } = await svc.documentContent(ctx, params.id);
      const serving = servingOf(document.contentType, query.inline === 'true');
      reply
        .header('content-type', serving.type)
        .header('content-length', String(document.size))
        .header('content-disposition', contentDisposition(document.name, serving.inline))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .header('cache-control', 'private, no-cache')
        .header('etag', `"${document.sha256}"`);
      return stream as never;
    },
  });

  route(app, {
    method: 'PATCH',
    url: '/api/v1/documents/:id',
    permission: 'write',
    summary: 'Rename a document or change its description; send the `version` you read',
    tags,
    schema: { params: IdParamsSchema, body: DocumentPatchSchema, response: { 200: DocumentSchema } },
    handler: (ctx, { params, body }) => svc.updateDocument(ctx, params.id, body),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/v1/documents/:id',
    permission: 'write',
    summary: 'Move a document to the trash',
    tags,
    status: 204,
    schema: { params: IdParamsSchema, response: { 204: z.null() } },
    handler: async (ctx, { params }) => {
      await svc.deleteDocument(ctx, params.id);
      return undefined;
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/documents/:id/restore',
    permission: 'write',
    summary: 'Restore a document from the trash',
    tags,
    schema: { params: IdParamsSchema, response: { 200: DocumentSchema } },
    handler: (ctx, { params }) => svc.restoreDocument(ctx, params.id),
  });
}
