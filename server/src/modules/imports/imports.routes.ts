import fastifyMultipart from '@fastify/multipart';
import { ErrorBodySchema, IdParamsSchema } from '@rapport/contracts/common.ts';
import {
  ImportDraftSchema,
  ImportListQuerySchema,
  ImportPageSchema,
  ImportPreviewSchema,
  ImportSchema,
  ImportSettingsSchema,
  ImportSheetSchema,
  ImportUploadQuerySchema,
} from '@rapport/contracts/imports.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorBody, invalid } from '../../http/errors.ts';
import { route } from '../../http/route.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import { undoImport } from './import-undo.ts';
import * as svc from './imports.service.ts';

const tags = ['Imports'];
/** Largest file an import reads. */
export const IMPORT_MAX_BYTES = 25 * 1024 * 1024;

export function registerImportRoutes(app: FastifyInstance, jobs: Jobs) {
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits: { files: 1, fields: 5, parts: 6, fileSize: IMPORT_MAX_BYTES } });

    route(scope, {
      method: 'POST',
      url: '/api/v1/imports',
      permission: 'write',
      summary:
        'Upload a CSV (comma, semicolon or tab; UTF-8 or Windows-1252) or XLSX file as multipart/form-data part `file`. Returns its columns, a suggested mapping and the mapping of the last import of this kind',
      tags,
      status: 201,
      schema: { querystring: ImportUploadQuerySchema, response: { 201: ImportDraftSchema, 413: ErrorBodySchema } },
      handler: async (ctx, { query }, reply) => {
        const req = reply.request;
        if (!req.isMultipart()) throw invalid('file', 'Send the file as multipart/form-data in a part named "file"');
        const part = await req.file();
        if (!part) throw invalid('file', 'The upload contains no file');
        const bytes = await part.toBuffer().catch((err: { code?: string }) => {
          if (err.code === 'FST_REQ_FILE_TOO_LARGE') return null;
          throw err;
        });
        if (!bytes) {
          const message = `A file can be at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB`;
          await reply.status(413).send(errorBody('VALIDATION', message, [{ path: 'file', message }]));
          return undefined;
        }
        if (bytes.length === 0) throw invalid('file', 'The file is empty');
        return svc.uploadImport(ctx, { fileName: part.filename || 'import.csv', bytes }, query);
      },
    });
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/imports',
    permission: 'read',
    summary: 'Import history, newest first (users see their own imports; managers and administrators all)',
    tags,
    schema: { querystring: ImportListQuerySchema, response: { 200: ImportPageSchema } },
    handler: (ctx, { query }) => svc.listImports(ctx, query),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/imports/:id',
    permission: 'read',
    summary: 'An import with its progress (poll while it runs)',
    tags,
    schema: { params: IdParamsSchema, response: { 200: ImportSchema } },
    handler: (ctx, { params }) => svc.getImport(ctx, params.id),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/imports/:id/sheet',
    permission: 'write',
    summary: 'XLSX: read another sheet of the uploaded workbook',
    tags,
    schema: { params: IdParamsSchema, body: ImportSheetSchema, response: { 200: ImportDraftSchema } },
    handler: (ctx, { params, body }) => svc.chooseSheet(ctx, params.id, body.sheet),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/imports/:id/preview',
    permission: 'write',
    summary: 'The first 20 rows as they would be saved with this mapping, with the errors of each row',
    tags,
    schema: { params: IdParamsSchema, body: ImportSettingsSchema, response: { 200: ImportPreviewSchema } },
    handler: (ctx, { params, body }) => svc.previewImport(ctx, params.id, body as svc.Settings),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/imports/:id/run',
    permission: 'write',
    summary: 'Start the import with this mapping and duplicate rule; it runs in the background',
    tags,
    status: 202,
    schema: { params: IdParamsSchema, body: ImportSettingsSchema, response: { 202: ImportSchema } },
    handler: (ctx, { params, body }) => svc.startImport(ctx, jobs, params.id, body as svc.Settings),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/imports/:id/errors.csv',
    permission: 'read',
    summary: 'The rows that failed, as CSV: the file’s columns and an Error column with the reasons',
    tags,
    schema: { params: IdParamsSchema, response: { 200: z.string().describe('CSV, UTF-8 with byte order mark') } },
    handler: async (ctx, { params }, reply) => {
      const report = await svc.errorReport(ctx, params.id);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${report.fileName}"`)
        .header('cache-control', 'private, no-cache');
      return Buffer.from(report.csv, 'utf8') as never;
    },
  });

  for (const [method, url] of [
    ['POST', '/api/v1/imports/:id/undo'],
    ['DELETE', '/api/v1/imports/:id/records'],
  ] as const) {
    route(app, {
      method,
      url,
      permission: 'write',
      summary:
        'Undo an import: records it created go to the trash, records it updated get their earlier values back (fields changed since are left alone)',
      tags,
      schema: { params: IdParamsSchema, response: { 200: ImportSchema } },
      handler: (ctx, { params }) => undoImport(ctx, params.id),
    });
  }
}
