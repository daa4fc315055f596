import { z } from 'zod';
import { IdSchema } from './common.ts';

/** One action applied to many selected records at once, each with the same rules as a single change. */
export const BulkActionSchema = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('setOwner'), ids: z.array(IdSchema).min(1).max(1000), ownerId: IdSchema }).strict(),
    z.object({ action: z.literal('delete'), ids: z.array(IdSchema).min(1).max(1000) }).strict(),
    z.object({ action: z.literal('restore'), ids: z.array(IdSchema).min(1).max(1000) }).strict(),
    z
      .object({
        action: z.literal('addCategory'),
        ids: z.array(IdSchema).min(1).max(1000),
        categoryId: IdSchema,
      })
      .strict()
      .describe('Companies only'),
    z
      .object({
        action: z.literal('removeCategory'),
        ids: z.array(IdSchema).min(1).max(1000),
        categoryId: IdSchema,
      })
      .strict()
      .describe('Companies only'),
  ])
  .describe('A bulk action on up to 1,000 selected records');
export type BulkAction = z.input<typeof BulkActionSchema>;

export const BulkResultSchema = z.object({
  changed: z.number().int().describe('Records changed'),
  unchanged: z.number().int().describe('Records that already had the value'),
  failed: z
    .array(z.object({ id: IdSchema, code: z.string(), message: z.string() }))
    .describe('Records left as they were, with the reason (not found, hidden, invalid)'),
});
export type BulkResult = z.infer<typeof BulkResultSchema>;
