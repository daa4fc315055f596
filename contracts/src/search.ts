import { z } from 'zod';
import { ActivityKindSchema } from './activities.ts';
import { IdSchema, TimestampSchema } from './common.ts';

export const SearchQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(200).describe('Text to find: part of a name, e-mail, phone or organisation number'),
    limit: z.coerce.number().int().min(1).max(50).default(10).describe('Hits per group'),
  })
  .strict();

export const SearchHitSchema = z.object({
  id: IdSchema,
  kind: z.enum(['company', 'contact']),
  title: z.string().describe('Name to show'),
  subtitle: z.string().nullable().describe('Org number, e-mail or company, to tell hits apart'),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const ActivitySearchHitSchema = z.object({
  id: IdSchema,
  kind: z.literal('activity'),
  activityKind: ActivityKindSchema,
  title: z.string(),
  subtitle: z.string().nullable().describe('Company or place, to tell hits apart'),
  start: TimestampSchema.nullable(),
  done: z.boolean(),
});
export type ActivitySearchHit = z.infer<typeof ActivitySearchHitSchema>;

export const SearchResultSchema = z.object({
  companies: z.array(SearchHitSchema),
  contacts: z.array(SearchHitSchema),
  activities: z
    .array(ActivitySearchHitSchema)
    .describe(
      'Your activities (your own and those you take part in) whose title or place contain the text (three characters or more), nearest in time first',
    ),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;
