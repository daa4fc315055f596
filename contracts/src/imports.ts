import { z } from 'zod';
import { CountrySchema, IdSchema, TimestampSchema } from './common.ts';

/** What an import creates: companies or contact persons. */
export const ImportEntitySchema = z.enum(['company', 'contact']).describe('What the file holds');
export type ImportEntity = z.infer<typeof ImportEntitySchema>;

/** Fields a column of a company file can fill. Street, postal code and city make the postal address. */
export const companyImportFields = [
  'name',
  'orgNumber',
  'country',
  'type',
  'industry',
  'phone',
  'email',
  'website',
  'street',
  'postalCode',
  'city',
  'firstName',
  'lastName',
] as const;

/** Fields a column of a contact file can fill. `fullName` is split into first and last name; `company` is matched by org number or exact name. */
export const contactImportFields = ['firstName', 'lastName', 'fullName', 'title', 'email', 'phone', 'company'] as const;

export const ImportFieldSchema = z
  .enum([...new Set([...companyImportFields, ...contactImportFields])] as [string, ...string[]])
  .describe('A field of the record a column fills');
export type ImportField = (typeof companyImportFields)[number] | (typeof contactImportFields)[number];

export const ImportMappingSchema = z
  .record(z.string().max(200), ImportFieldSchema.nullable())
  .describe('Column name → field it fills (null: the column is not imported)');
export type ImportMapping = Record<string, ImportField | null>;

export const DuplicateRuleSchema = z
  .enum(['skip', 'update', 'create'])
  .describe(
    'A row matching a record you can see (companies: the same org number; contacts: the same e-mail): skip the row, update the record with the row’s non-empty cells, or create another record',
  );
export type DuplicateRule = z.infer<typeof DuplicateRuleSchema>;

export const ImportStatusSchema = z
  .enum(['uploaded', 'queued', 'running', 'done', 'failed', 'undone'])
  .describe('uploaded: waiting for a mapping; queued/running: being imported; done; failed; undone');
export type ImportStatus = z.infer<typeof ImportStatusSchema>;

export const ImportColumnSchema = z.object({
  name: z.string().describe('Header of the column (made unique; empty headers become "Column N")'),
  samples: z.array(z.string()).describe('Up to three values from the first rows'),
});

export const ImportCountsSchema = z.object({
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int().describe('Rows that did not pass validation; they are in the error report'),
});
export type ImportCounts = z.infer<typeof ImportCountsSchema>;

export const ImportSchema = z
  .object({
    id: IdSchema,
    entity: ImportEntitySchema,
    fileName: z.string(),
    format: z.enum(['csv', 'xlsx']),
    sheet: z.string().nullable().describe('XLSX: the sheet read'),
    sheets: z.array(z.string()).describe('XLSX: all sheets of the workbook'),
    encoding: z.string().nullable().describe('CSV: utf-8 or windows-1252'),
    delimiter: z.string().nullable().describe('CSV: the column separator found'),
    columns: z.array(ImportColumnSchema),
    rowCount: z.number().int().describe('Data rows in the file (blank rows not counted)'),
    mapping: ImportMappingSchema.nullable(),
    duplicateRule: DuplicateRuleSchema.nullable(),
    defaultCountry: CountrySchema.nullable(),
    status: ImportStatusSchema,
    progress: ImportCountsSchema,
    error: z.string().nullable().describe('Why the last attempt stopped, when it did'),
    undo: z
      .object({ removed: z.number().int(), restored: z.number().int(), kept: z.number().int() })
      .nullable()
      .describe(
        'After an undo: records moved to the trash, records given back their earlier values, and records left alone because they were changed after the import',
      ),
    createdBy: IdSchema,
    createdByName: z.string().nullable(),
    createdAt: TimestampSchema,
    startedAt: TimestampSchema.nullable(),
    finishedAt: TimestampSchema.nullable(),
    undoneAt: TimestampSchema.nullable(),
  })
  .describe('Import of a CSV or XLSX file');
export type Import = z.infer<typeof ImportSchema>;

export const ImportDraftSchema = z
  .object({
    import: ImportSchema,
    suggestedMapping: ImportMappingSchema.describe('Guessed from the column names (English, Norwegian, Swedish)'),
    rememberedMapping: ImportMappingSchema.describe(
      'The mapping of the last import of this kind in the workspace, for the columns this file has too',
    ),
  })
  .describe('An uploaded file, ready for mapping');
export type ImportDraft = z.infer<typeof ImportDraftSchema>;

export const ImportUploadQuerySchema = z
  .object({
    entity: ImportEntitySchema,
    sheet: z.string().max(200).optional().describe('XLSX: the sheet to read (default: the first)'),
  })
  .strict();

export const ImportSheetSchema = z.object({ sheet: z.string().min(1).max(200) }).strict();

export const ImportSettingsSchema = z
  .object({
    mapping: ImportMappingSchema,
    duplicateRule: DuplicateRuleSchema.default('skip'),
    defaultCountry: CountrySchema.nullish()
      .transform((v) => v ?? null)
      .describe('Country of rows without one (it decides how org numbers are checked)'),
  })
  .strict();
export type ImportSettings = z.input<typeof ImportSettingsSchema>;

export const ImportRowErrorSchema = z.object({
  field: z.string().describe('The field (or `row`)'),
  message: z.string(),
});

export const ImportPreviewSchema = z
  .object({
    rows: z.array(
      z.object({
        row: z.number().int().describe('Row number in the file (the header is row 1)'),
        values: z.record(z.string(), z.string().nullable()).describe('Field → value as it would be saved'),
        errors: z.array(ImportRowErrorSchema),
        action: z.enum(['create', 'update', 'skip', 'error']),
      }),
    ),
  })
  .describe('The first 20 rows as the import would save them');
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: IdSchema.optional().describe('`nextCursor` of the previous page'),
    entity: ImportEntitySchema.optional(),
  })
  .strict();

export const ImportPageSchema = z.object({ items: z.array(ImportSchema), nextCursor: z.string().nullable() });
