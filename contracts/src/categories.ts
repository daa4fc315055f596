import { z } from 'zod';
import { type FilterFieldKind, IdSchema, TimestampSchema, VersionSchema } from './common.ts';

/** At most this many categories in use per workspace. */
export const MAX_CATEGORIES = 100;
/** At most this many fields per category, and options per select field. */
export const MAX_FIELDS_PER_CATEGORY = 100;
export const MAX_OPTIONS = 100;

/** Colours a category chip can have (the palette of the web app). */
export const categoryColours = [
  'gray',
  'red',
  'pink',
  'grape',
  'violet',
  'indigo',
  'blue',
  'cyan',
  'teal',
  'green',
  'lime',
  'yellow',
  'orange',
] as const;
export const CategoryColourSchema = z.enum(categoryColours).describe('Colour of the category chip');
export type CategoryColour = z.infer<typeof CategoryColourSchema>;

export const customFieldTypes = [
  'text',
  'longText',
  'number',
  'money',
  'date',
  'select',
  'multiSelect',
  'checkbox',
  'url',
  'email',
  'phone',
  'user',
  'company',
  'contact',
] as const;
export const CustomFieldTypeSchema = z
  .enum(customFieldTypes)
  .describe(
    'Value type: text (≤500 chars), longText (≤10,000), number, money ({amount, currency}), date (YYYY-MM-DD), select (an option id), multiSelect (option ids), checkbox (true), url, email, phone, user (id of a workspace member), company / contact (id of a record)',
  );
export type CustomFieldType = z.infer<typeof CustomFieldTypeSchema>;

/** The filter operators of a custom field follow from its type (`cf.<fieldId>` in `?filter=`). */
export function customFieldFilterKind(type: CustomFieldType): FilterFieldKind {
  switch (type) {
    case 'number':
    case 'money':
      return 'number';
    case 'date':
      return 'timestamp';
    case 'select':
    case 'multiSelect':
    case 'checkbox':
      return 'enum';
    case 'user':
    case 'company':
    case 'contact':
      return 'uuid';
    default:
      return 'text';
  }
}

/** Fields a company list can be sorted by (`sort=cf.<fieldId>`); lists of values and links cannot. */
export const customFieldSortable = (type: CustomFieldType) =>
  !['multiSelect', 'user', 'company', 'contact'].includes(type);

/** The list filter and sort key of a custom field. */
export const customFieldKey = (fieldId: string) => `cf.${fieldId}`;

const CurrencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'Three-letter currency code such as NOK, SEK, EUR');

export const FieldOptionSchema = z.object({
  id: z.string().describe('Stable option id: values store it, so renaming an option keeps them'),
  label: z.string(),
});
export type FieldOption = z.infer<typeof FieldOptionSchema>;

export const CustomFieldSchema = z
  .object({
    id: IdSchema,
    categoryId: IdSchema,
    key: z.string().describe('Machine name, unique within the category (export headings, integrations)'),
    label: z.string(),
    type: CustomFieldTypeSchema,
    options: z.array(FieldOptionSchema).describe('Choices of a select or multi-select field'),
    currency: z.string().nullable().describe('Money: the currency a value gets when none is given'),
    required: z.boolean().describe('A value cannot be cleared once set; the card marks it while missing'),
    sortOrder: z.number().int(),
  })
  .describe('A custom field of a category');
export type CustomField = z.infer<typeof CustomFieldSchema>;

export const CategorySchema = z
  .object({
    id: IdSchema,
    name: z.string(),
    colour: CategoryColourSchema,
    description: z.string().nullable(),
    sortOrder: z.number().int(),
    fields: z.array(CustomFieldSchema).describe('Fields in display order'),
    removedFields: z
      .array(z.object({ id: IdSchema, label: z.string(), type: CustomFieldTypeSchema }))
      .describe('Fields taken out of the category; their values are kept and come back when the field is restored'),
    version: z.number().int(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    deletedAt: TimestampSchema.nullable().describe('Set when the category is archived'),
  })
  .describe('Company category with its own fields');
export type Category = z.infer<typeof CategorySchema>;

const OptionInputSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]{1,12}$/, 'Option ids are 1–12 lower-case letters or digits')
      .optional()
      .describe('Keep the id of an existing option; new options get one'),
    label: z.string().trim().min(1).max(100),
  })
  .strict();

export const CustomFieldInputSchema = z
  .object({
    id: IdSchema.optional().describe('An existing field (or a removed one, to restore it); leave out for a new field'),
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Key: a lower-case letter, then letters, digits or _ (at most 40)')
      .optional()
      .describe('Defaults to one made from the label'),
    label: z.string().trim().min(1).max(100),
    type: CustomFieldTypeSchema.describe('Cannot change once the field exists'),
    options: z
      .array(OptionInputSchema)
      .max(MAX_OPTIONS)
      .optional()
      .describe('Select and multi-select: all options in order; left out, an existing field keeps its options'),
    currency: CurrencyCodeSchema.nullable().optional(),
    required: z.boolean().default(false),
  })
  .strict();
export type CustomFieldInput = z.input<typeof CustomFieldInputSchema>;

const name = z.string().trim().min(1).max(100).describe('Unique in the workspace, whatever the case');
const description = z
  .string()
  .trim()
  .max(1000)
  .nullish()
  .transform((v) => (v ? v : null));
const fields = z
  .array(CustomFieldInputSchema)
  .max(MAX_FIELDS_PER_CATEGORY)
  .describe('All fields in display order; an existing field left out is removed (its values are kept)');

export const CategoryCreateSchema = z
  .object({
    name,
    colour: CategoryColourSchema.default('blue'),
    description: description.optional(),
    fields: fields.default([]),
  })
  .strict()
  .describe('New category');
export type CategoryCreate = z.input<typeof CategoryCreateSchema>;

export const CategoryPatchSchema = z
  .object({
    version: VersionSchema,
    name: name.optional(),
    colour: CategoryColourSchema.optional(),
    description: description.optional(),
    fields: fields.optional(),
  })
  .strict()
  .describe('Changed parts of a category, with the version they are based on');
export type CategoryPatch = z.input<typeof CategoryPatchSchema>;

export const CategoryOrderSchema = z
  .object({
    ids: z
      .array(IdSchema)
      .max(MAX_CATEGORIES)
      .describe('Every category in use, in the new order (a list that misses one or names another is refused)'),
  })
  .strict();
export type CategoryOrder = z.input<typeof CategoryOrderSchema>;

export const CategoryListQuerySchema = z
  .object({ deleted: z.enum(['true', 'false']).optional().describe('`true` lists archived categories instead') })
  .strict();
export const CategoryListSchema = z.object({ items: z.array(CategorySchema) });

// Values ------------------------------------------------------------------------------------------

export const MoneyValueSchema = z
  .object({
    amount: z.number().describe('Amount in the currency’s main unit, at most 2 decimals (1234.5 = 1 234,50)'),
    currency: z.string().describe('ISO 4217 code'),
  })
  .describe('Money: a decimal amount and its currency');
export type MoneyValue = z.infer<typeof MoneyValueSchema>;

/** A stored value as the API returns it. */
export const CustomFieldValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
  MoneyValueSchema,
]);
export type CustomFieldValue = z.infer<typeof CustomFieldValueSchema>;

/** A value as a client sends it; the server checks it against the field's type. `null` clears it. */
export const CustomFieldInputValueSchema = z
  .union([
    z.string().max(10_000),
    z.number(),
    z.boolean(),
    z.array(z.string().max(100)).max(MAX_OPTIONS),
    z.object({ amount: z.union([z.number(), z.string().max(40)]), currency: CurrencyCodeSchema.optional() }).strict(),
  ])
  .nullable();

export const CustomFieldsInputSchema = z
  .record(IdSchema, CustomFieldInputValueSchema)
  .refine((o) => Object.keys(o).length <= 500, 'At most 500 values at once')
  .describe('Field id → value. Only the fields named change; `null` clears a value');
export type CustomFieldsInput = z.input<typeof CustomFieldsInputSchema>;

// Statistics --------------------------------------------------------------------------------------

const aggregates = {
  filled: z.number().int().describe('Companies with a value'),
  sum: z.number().nullable(),
  avg: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
};

export const FieldStatsSchema = z.object({
  fieldId: IdSchema,
  label: z.string(),
  type: CustomFieldTypeSchema,
  ...aggregates,
  currencies: z
    .array(z.object({ currency: z.string(), ...aggregates }))
    .describe('Money: one row per currency (amounts in different currencies are not added up)'),
  options: z
    .array(z.object({ id: z.string(), label: z.string(), count: z.number().int() }))
    .describe('Select and multi-select: companies per option'),
});
export type FieldStats = z.infer<typeof FieldStatsSchema>;

export const CategoryStatsSchema = z
  .object({
    categoryId: IdSchema,
    name: z.string(),
    colour: CategoryColourSchema,
    companyCount: z.number().int().describe('Companies in the category that the caller can see (not in the trash)'),
    fields: z.array(FieldStatsSchema),
  })
  .describe('Counts, sums and averages of a category, over the companies the caller can see');
export type CategoryStats = z.infer<typeof CategoryStatsSchema>;
export const CategoryStatsListSchema = z.object({ items: z.array(CategoryStatsSchema) });

export const CategoryStatsExportQuerySchema = z
  .object({
    format: z.enum(['csv', 'xlsx']).default('csv').describe('File format'),
    delimiter: z.enum([',', ';']).optional().describe('CSV field separator (default `,`)'),
    lang: z.enum(['en', 'nb', 'sv']).optional().describe('Language of the column headings (default en)'),
  })
  .strict();
export type CategoryStatsExportQuery = z.input<typeof CategoryStatsExportQuerySchema>;
