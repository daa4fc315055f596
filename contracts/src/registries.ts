import { z } from 'zod';
import { AddressSchema } from './address.ts';
import { IdSchema } from './common.ts';

export const RegistryIdSchema = z
  .enum(['brreg', 'prh'])
  .describe('brreg: Norway (Enhetsregisteret), prh: Finland (YTJ)');
export type RegistryId = z.infer<typeof RegistryIdSchema>;

export const RegistryHitSchema = z.object({
  registry: RegistryIdSchema,
  country: z.string(),
  orgNumber: z.string().describe('As the registry formats it'),
  name: z.string(),
  companyForm: z.string().nullable().describe('AS, ASA, Oy, …'),
  industry: z.string().nullable().describe('Main industry as "code description"'),
  website: z.string().nullable(),
  addresses: z.array(AddressSchema),
  existingCompanyId: IdSchema.nullable().describe('A company in Rapport with this organisation number'),
});
export type RegistryHit = z.infer<typeof RegistryHitSchema>;

export const RegistrySearchQuerySchema = z
  .object({
    q: z.string().trim().min(2).max(200).describe('A name, or an organisation number'),
    country: z.enum(['NO', 'FI']).optional().describe('Ask only this country’s registry'),
    limit: z.coerce.number().int().min(1).max(25).default(8),
  })
  .strict();

export const RegistrySearchResultSchema = z.object({
  hits: z.array(RegistryHitSchema),
  problems: z
    .array(z.object({ registry: RegistryIdSchema, message: z.string() }))
    .describe('Registries that did not answer (timeout, unreachable); the others still give hits'),
});
