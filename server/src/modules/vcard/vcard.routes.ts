import fastifyMultipart from '@fastify/multipart';
import { IdParamsSchema } from '@rapport/contracts/common.ts';
import { VcardImportResultSchema } from '@rapport/contracts/vcard.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { invalid } from '../../http/errors.ts';
import { route } from '../../http/route.ts';
import { contentDisposition } from '../documents/file-types.ts';
import * as svc from './vcard.service.ts';

const tags = ['Contacts'];
const MAX_BYTES = 10 * 1024 * 1024;
const VCARD_TYPES = ['text/vcard', 'text/x-vcard', 'text/directory', 'application/octet-stream'];

/** UTF-8 as vCard 4.0 requires; files from old address books in Latin-1 are read as such. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

async function uploadedText(req: FastifyRequest): Promise<string> {
  if (req.isMultipart()) {
    const part = await req.file({ limits: { fileSize: MAX_BYTES, files: 1 } });
    if (!part) throw invalid('file', 'The upload contains no file');
    const bytes = await part.toBuffer();
    return decode(bytes);
  }
  if (Buffer.isBuffer(req.body)) return decode(req.body);
  if (typeof req.body === 'string') return req.body;
  throw invalid('file', 'Send a .vcf file as text/vcard, or as multipart/form-data in a part named "file"');
}

export function registerVcardRoutes(app: FastifyInstance) {
  route(app, {
    method: 'GET',
    url: '/api/v1/contacts/:id/vcard',
    permission: 'read',
    summary: 'The contact as a vCard 4.0 file (UTF-8)',
    tags,
    schema: { params: IdParamsSchema, response: { 200: z.string().describe('text/vcard') } },
    handler: async (ctx, { params }, reply) => {
      const { fileName, text } = await svc.contactVcard(ctx, params.id);
      reply
        .header('content-type', 'text/vcard; charset=utf-8')
        .header('content-disposition', contentDisposition(fileName, false))
        .header('x-content-type-options', 'nosniff');
      return text;
    },
  });

  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits: { files: 1, fields: 5, parts: 6, fileSize: MAX_BYTES } });
    scope.addContentTypeParser(VCARD_TYPES, { parseAs: 'buffer', bodyLimit: MAX_BYTES }, (_req, body, done) =>
      done(null, body),
    );

    route(scope, {
      method: 'POST',
      url: '/api/v1/contacts/import/vcard',
      permission: 'write',
      summary:
        'Create contacts from a .vcf file with one or many cards (body text/vcard, or multipart/form-data part `file`). ORG links to an existing company of exactly that name. Returns the created ids and an error per card that failed',
      tags,
      schema: { response: { 200: VcardImportResultSchema } },
      handler: async (ctx, _input, reply) => svc.importVcards(ctx, await uploadedText(reply.request)),
    });
  });
}
