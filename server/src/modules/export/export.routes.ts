import { CompanyExportQuerySchema, ContactExportQuerySchema } from '@rapport/contracts/export.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { contentDisposition } from '../documents/file-types.ts';
import { type ExportFile, exportCompanies, exportContacts } from './export.service.ts';

function send(reply: FastifyReply, file: ExportFile) {
  reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file.fileName, false))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store');
  // A failure after the first byte can only cut the download short; the log says why.
  file.stream.on('error', (err) => reply.log.error({ err }, 'export failed while streaming'));
  return file.stream as never;
}

const file = z.string().describe('The file');

export function registerExportRoutes(app: FastifyInstance) {
  route(app, {
    method: 'GET',
    url: '/api/v1/companies/export',
    permission: 'read',
    summary:
      'Download the company list as CSV (UTF-8 with BOM) or XLSX: the same filters, sort and search as the list, `columns=` in the order wanted. Streams any number of rows',
    tags: ['Companies'],
    schema: { querystring: CompanyExportQuerySchema, response: { 200: file } },
    handler: async (ctx, { query }, reply) => send(reply, await exportCompanies(ctx, query)),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/contacts/export',
    permission: 'read',
    summary:
      'Download the contact list as CSV, XLSX or vCard 4.0 (`format=vcf`), with the same filters, sort and search as the list',
    tags: ['Contacts'],
    schema: { querystring: ContactExportQuerySchema, response: { 200: file } },
    handler: async (ctx, { query }, reply) => send(reply, await exportContacts(ctx, query)),
  });
}
