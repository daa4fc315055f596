import { z } from 'zod';
import { IdSchema, TimestampSchema, VersionSchema } from './common.ts';

/** The cards a document can be attached to. */
export const DocumentEntitySchema = z.enum(['company', 'contact']).describe('The kind of card the document is on');
export type DocumentEntity = z.infer<typeof DocumentEntitySchema>;

export const DocumentSchema = z
  .object({
    id: IdSchema,
    entity: DocumentEntitySchema,
    entityId: IdSchema,
    name: z.string().describe('File name as shown to people (path parts and control characters removed)'),
    description: z.string().nullable(),
    contentType: z.string().describe('Media type the file is served with'),
    size: z.number().int().describe('Size in bytes'),
    sha256: z.string().describe('SHA-256 of the content, hex'),
    uploadedBy: IdSchema.nullable(),
    uploadedByName: z.string().nullable(),
    url: z.string().describe('Where to download the content'),
    version: z.number().int(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    deletedAt: TimestampSchema.nullable().describe('Set when the document is in the trash'),
  })
  .describe('A file attached to a company or contact');
export type Document = z.infer<typeof DocumentSchema>;

export const DocumentTargetQuerySchema = z
  .object({
    entity: DocumentEntitySchema,
    entityId: IdSchema,
    description: z.string().trim().max(1000).optional().describe('Optional description of the uploaded file'),
  })
  .strict();

export const DocumentListQuerySchema = z
  .object({
    entity: DocumentEntitySchema,
    entityId: IdSchema,
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: IdSchema.optional().describe('`nextCursor` of the previous page'),
    deleted: z.enum(['true', 'false']).optional().describe('`true` lists the documents in the trash instead'),
  })
  .strict();

export const DocumentPageSchema = z.object({
  items: z.array(DocumentSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page'),
});

export const DocumentPatchSchema = z
  .object({
    version: VersionSchema,
    name: z.string().max(1000).optional().describe('New file name; cleaned like an uploaded name'),
    description: z.string().trim().max(1000).nullable().optional().describe('New description; empty or null clears it'),
  })
  .strict()
  .describe('Rename a document or change its description');
export type DocumentPatch = z.input<typeof DocumentPatchSchema>;

export const DocumentContentQuerySchema = z
  .object({
    inline: z
      .enum(['true', 'false'])
      .optional()
      .describe('`true` shows images, PDF and plain text in the browser; everything else always downloads'),
  })
  .strict();
