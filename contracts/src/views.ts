import { z } from 'zod';
import { IdSchema, TimestampSchema, VersionSchema } from './common.ts';

/** The lists a saved view can apply to. */
export const ViewEntitySchema = z.enum(['company', 'contact']).describe('The list the view belongs to');
export type ViewEntity = z.infer<typeof ViewEntitySchema>;

const columns = z
  .array(z.string().max(40))
  .min(1)
  .max(40)
  .refine((c) => new Set(c).size === c.length, 'A column can appear only once')
  .describe('Columns in display order (see the export columns of the list)');
const filters = z
  .array(z.string().max(500))
  .max(20)
  .describe('Filters as in the list query: `field:operator:value`, all must hold');
const sort = z.string().max(40).describe('Sort as in the list query, e.g. `name` or `-updatedAt`');
const name = z.string().trim().min(1).max(100);
const q = z.string().trim().max(200).describe('Search text within the list');

export const ViewSchema = z
  .object({
    id: IdSchema,
    entity: ViewEntitySchema,
    name: z.string(),
    columns: z.array(z.string()),
    filters: z.array(z.string()),
    sort: z.string().nullable(),
    q: z.string().nullable(),
    shared: z.boolean().describe('Shared views are seen by the whole workspace; personal ones only by their creator'),
    ownerId: IdSchema.nullable().describe('Who created the view'),
    ownerName: z.string().nullable(),
    isDefault: z.boolean().describe('The reader opens this list with this view'),
    canEdit: z.boolean().describe('The reader may change or delete the view (its creator, or a manager when shared)'),
    version: z.number().int(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .describe('A saved list view: columns, filters and sort');
export type View = z.infer<typeof ViewSchema>;

export const ViewCreateSchema = z
  .object({
    entity: ViewEntitySchema,
    name,
    columns,
    filters: filters.default([]),
    sort: sort.nullable().optional(),
    q: q.nullable().optional(),
    shared: z.boolean().default(false),
    isDefault: z.boolean().default(false).describe('Open the list with this view from now on'),
  })
  .strict()
  .describe('New saved view');
export type ViewCreate = z.input<typeof ViewCreateSchema>;

export const ViewPatchSchema = z
  .object({
    version: VersionSchema,
    name: name.optional(),
    columns: columns.optional(),
    filters: filters.optional(),
    sort: sort.nullable().optional(),
    q: q.nullable().optional(),
    shared: z.boolean().optional(),
  })
  .strict()
  .describe('Changed fields of a view, with the version they are based on');
export type ViewPatch = z.input<typeof ViewPatchSchema>;

export const ViewListQuerySchema = z.object({ entity: ViewEntitySchema }).strict();
export const ViewListSchema = z.object({ items: z.array(ViewSchema) });
