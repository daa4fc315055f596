import { z } from 'zod';
import { IdSchema } from './common.ts';

export const VcardImportResultSchema = z
  .object({
    created: z
      .array(
        z.object({
          index: z.number().int().describe('Position of the card in the file, from 1'),
          id: IdSchema,
          name: z.string(),
          companyId: IdSchema.nullable().describe('The existing company matched by the exact ORG name'),
          warnings: z.array(z.string()).describe('Values that were left out, and why'),
        }),
      )
      .describe('Contacts created'),
    errors: z
      .array(
        z.object({
          index: z.number().int(),
          name: z.string().nullable(),
          message: z.string(),
        }),
      )
      .describe('Cards that could not become contacts'),
  })
  .describe('Result of a vCard import');
export type VcardImportResult = z.infer<typeof VcardImportResultSchema>;
