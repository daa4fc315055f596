import { z } from 'zod';
import { IdSchema, TimestampSchema, VersionSchema } from './common.ts';

/** The records a note can be written on. */
export const NoteEntitySchema = z.enum(['company', 'contact']).describe('What the note is about');
export type NoteEntity = z.infer<typeof NoteEntitySchema>;

export const NoteSchema = z
  .object({
    id: IdSchema,
    entity: NoteEntitySchema,
    entityId: IdSchema,
    html: z.string().describe('Sanitised HTML of the note'),
    text: z.string().describe('Plain text of the note'),
    mentions: z.array(IdSchema).describe('Users mentioned with @'),
    authorId: IdSchema.nullable(),
    authorName: z.string().nullable(),
    version: z.number().int(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .describe('A note on the wall of a company or contact');
export type Note = z.infer<typeof NoteSchema>;

const NoteBody = z
  .string()
  .max(100_000)
  .describe(
    'HTML: p, br, strong, em, u, s, ul, ol, li, blockquote, code, pre, a href; mention a colleague with <span data-mention="USER_ID">@Name</span>. Anything else is removed.',
  );

export const NoteCreateSchema = z.object({ entity: NoteEntitySchema, entityId: IdSchema, html: NoteBody }).strict();
export const NotePatchSchema = z.object({ version: VersionSchema, html: NoteBody }).strict();
export const NoteListQuerySchema = z
  .object({
    entity: NoteEntitySchema,
    entityId: IdSchema,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: TimestampSchema.optional().describe('Notes written before this time (the next page)'),
  })
  .strict();
export const NoteListSchema = z.object({ items: z.array(NoteSchema), nextBefore: TimestampSchema.nullable() });
