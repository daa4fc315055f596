import { z } from 'zod';
import { AddressListSchema, AddressSchema } from './address.ts';
import { CustomFieldsInputSchema, CustomFieldValueSchema } from './categories.ts';
import {
  CountrySchema,
  IdSchema,
  listQuery,
  optionalEmail,
  optionalPhone,
  optionalText,
  optionalUrl,
  pageOf,
  requiredText,
  TimestampSchema,
  VersionSchema,
  VisibilitySchema,
} from './common.ts';
import { validateOrgNumber } from './org-number.ts';

export const CompanyTypeSchema = z.enum(['customer', 'supplier', 'private']).describe('Kind of company');
export type CompanyType = z.infer<typeof CompanyTypeSchema>;

export const PhoneTypeSchema = z.enum(['main', 'switchboard', 'mobile', 'direct', 'fax', 'other']);
export const EmailTypeSchema = z.enum(['main', 'invoice', 'support', 'sales', 'other']);

export const TypedPhoneSchema = z.object({ type: PhoneTypeSchema, value: z.string() });
export const TypedEmailSchema = z.object({ type: EmailTypeSchema, value: z.string() });

const TypedPhoneInputSchema = z
  .object({
    type: PhoneTypeSchema,
    value: z
      .string()
      .trim()
      .min(3)
      .max(40)
      .regex(/^\+?[\d\s().-]{3,}$/, 'Not a phone number'),
  })
  .strict();
const TypedEmailInputSchema = z
  .object({
    type: EmailTypeSchema,
    value: z
      .email()
      .max(254)
      .transform((v) => v.toLowerCase()),
  })
  .strict();
export const CurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Three-letter currency code such as NOK, SEK, EUR')
  .describe('ISO 4217 currency code');

export const CompanySchema = z
  .object({
    id: IdSchema,
    customerNumber: z.number().int().describe('Per-workspace customer number, given by Rapport'),
    name: z.string(),
    firstName: z.string().nullable().describe('Private customers: first name'),
    lastName: z.string().nullable().describe('Private customers: last name'),
    industry: z.string().nullable(),
    visibility: VisibilitySchema,
    paymentTermsDays: z.number().int().nullable().describe('Days until invoices fall due'),
    currency: CurrencySchema.nullable(),
    phones: z.array(TypedPhoneSchema).describe('All phone numbers; the first is `phone`'),
    emails: z.array(TypedEmailSchema).describe('All e-mail addresses; the first is `email`'),
    addresses: z.array(AddressSchema),
    orgNumber: z.string().nullable().describe('Organisation number as registered'),
    country: CountrySchema.nullable(),
    type: CompanyTypeSchema,
    phone: z.string().nullable().describe('The first phone number'),
    email: z.string().nullable().describe('The first e-mail address'),
    website: z.string().nullable(),
    ownerId: IdSchema.describe('The user responsible for this company'),
    ownerName: z.string().nullable(),
    contactCount: z.number().int().describe('Contacts linked to this company'),
    categoryIds: z.array(IdSchema).describe('Categories of the company, in the order of the category list'),
    nextActivityAt: TimestampSchema.nullable()
      .optional()
      .describe('Start of the earliest open activity from now on (only when the list asks for it: `include`)'),
    lastActivityAt: TimestampSchema.nullable()
      .optional()
      .describe('When the latest activity took place: done, or started before now (only when asked: `include`)'),
    customFields: z
      .record(z.string(), CustomFieldValueSchema)
      .describe('Values of the custom fields of its categories: field id → value (empty fields are absent)'),
    version: z.number().int(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    deletedAt: TimestampSchema.nullable().describe('Set when the company is in the trash'),
  })
  .describe('Company');
export type Company = z.infer<typeof CompanySchema>;

const personName = z
  .string()
  .trim()
  .max(100)
  .nullish()
  .transform((v) => (v ? v : null));

const companyFields = {
  name: requiredText(200).describe('Company name (for private customers: made from first and last name when left out)'),
  firstName: personName,
  lastName: personName,
  industry: optionalText(120),
  visibility: VisibilitySchema,
  paymentTermsDays: z.number().int().min(0).max(365).nullable(),
  currency: CurrencySchema.nullable(),
  phones: z.array(TypedPhoneInputSchema).max(20),
  emails: z.array(TypedEmailInputSchema).max(20),
  addresses: AddressListSchema,
  orgNumber: optionalText(40).describe('Organisation number'),
  country: CountrySchema.nullish().transform((v) => v ?? null),
  type: CompanyTypeSchema,
  phone: optionalPhone,
  email: optionalEmail,
  website: optionalUrl,
  ownerId: IdSchema.describe('Defaults to the creating user'),
  categoryIds: z
    .array(IdSchema)
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, 'A category can appear only once')
    .describe(
      'The categories of the company; on a change, the whole set (a category left out is removed with its field values)',
    ),
  customFields: CustomFieldsInputSchema,
};

export const CompanyCreateSchema = z
  .object({
    ...companyFields,
    name: companyFields.name.optional(),
    type: CompanyTypeSchema.default('customer'),
    firstName: companyFields.firstName.optional(),
    lastName: companyFields.lastName.optional(),
    industry: companyFields.industry.optional(),
    visibility: VisibilitySchema.default('everyone'),
    paymentTermsDays: companyFields.paymentTermsDays.optional(),
    currency: companyFields.currency.optional(),
    phones: companyFields.phones.optional(),
    emails: companyFields.emails.optional(),
    addresses: companyFields.addresses.default([]),
    ownerId: companyFields.ownerId.optional(),
    categoryIds: companyFields.categoryIds.optional(),
    customFields: companyFields.customFields.optional(),
  })
  .strict()
  .refine((c) => c.name !== undefined || (c.type === 'private' && (c.firstName || c.lastName)), {
    message: 'A company needs a name (a private customer: a first or last name)',
    path: ['name'],
  })
  .describe('New company');
export type CompanyCreate = z.input<typeof CompanyCreateSchema>;

export const CompanyPatchSchema = z
  .object({
    version: VersionSchema,
    name: companyFields.name.optional(),
    firstName: companyFields.firstName.optional(),
    lastName: companyFields.lastName.optional(),
    industry: companyFields.industry.optional(),
    visibility: VisibilitySchema.optional(),
    paymentTermsDays: companyFields.paymentTermsDays.optional(),
    currency: companyFields.currency.optional(),
    phones: companyFields.phones.optional(),
    emails: companyFields.emails.optional(),
    addresses: companyFields.addresses.optional(),
    orgNumber: companyFields.orgNumber.optional(),
    country: CountrySchema.nullable().optional(),
    type: CompanyTypeSchema.optional(),
    phone: companyFields.phone.optional(),
    email: companyFields.email.optional(),
    website: companyFields.website.optional(),
    ownerId: IdSchema.optional(),
    categoryIds: companyFields.categoryIds.optional(),
    customFields: companyFields.customFields.optional(),
  })
  .strict()
  .describe('Changed fields of a company, with the version they are based on');
export type CompanyPatch = z.input<typeof CompanyPatchSchema>;

/** The organisation number checked for the company's country; null when it is fine or free text. */
export function orgNumberProblem(
  country: string | null | undefined,
  orgNumber: string | null | undefined,
): string | null {
  if (!orgNumber) return null;
  const check = validateOrgNumber(country, orgNumber);
  return check.valid ? null : check.reason;
}

export const companySortFields = [
  'name',
  'customerNumber',
  'orgNumber',
  'country',
  'type',
  'industry',
  'createdAt',
  'updatedAt',
] as const;
/**
 * Fields that `?filter=` accepts for companies. Besides these: `categoryId` (uuid operators: the company
 * has / has not the category; `empty` = no category) and `cf.<fieldId>` for a custom field, with the
 * operators of its type (`customFieldFilterKind` in categories.ts).
 */
export const companyFilterFields = [
  'name',
  'orgNumber',
  'country',
  'type',
  'email',
  'phone',
  'ownerId',
  'industry',
  'visibility',
  'customerNumber',
  'createdAt',
  'updatedAt',
] as const;
/** Custom fields sort as `cf.<fieldId>` (`-cf.<fieldId>` descending). */
const customFieldSort = z
  .string()
  .regex(/^-?cf\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'Not a custom field sort');
const builtInSort = z.enum([...companySortFields, ...companySortFields.map((f) => `-${f}` as const)]);

/**
 * Columns a company or contact list computes from the activities the caller may see, only when asked for
 * (`include=`) or sorted by.
 */
export const activityListColumns = ['nextActivityAt', 'lastActivityAt'] as const;
export type ActivityListColumn = (typeof activityListColumns)[number];
/**
 * The company list sorts by these in their natural direction only, which its indexes serve: the soonest next
 * activity first, the latest last activity first (companies without one come after the others).
 */
export const activityListSort = z.enum(['nextActivityAt', '-lastActivityAt']);
export const activityListInclude = z
  .union([z.enum(activityListColumns), z.array(z.enum(activityListColumns)).max(2)])
  .optional()
  .describe(
    'Computed columns to add: `nextActivityAt` (start of the earliest open activity from now on), `lastActivityAt` (the latest done or past activity). Only activities the caller may see count',
  );

export const CompanyListQuerySchema = listQuery(companySortFields).extend({
  sort: z
    .union([builtInSort, customFieldSort, activityListSort])
    .optional()
    .describe(
      `Sort field, \`-\` prefix for descending. One of: ${companySortFields.join(', ')}, or \`cf.<fieldId>\` for a custom field; also \`nextActivityAt\` (soonest first) and \`-lastActivityAt\` (latest first)`,
    ),
  include: activityListInclude,
});
export type CompanyListQuery = z.input<typeof CompanyListQuerySchema>;
export const CompanyPageSchema = pageOf(CompanySchema);

/** Fields whose value a merge can take from the other company. */
export const companyMergeFields = [
  'name',
  'orgNumber',
  'country',
  'type',
  'firstName',
  'lastName',
  'industry',
  'visibility',
  'paymentTermsDays',
  'currency',
  'phones',
  'emails',
  'addresses',
  'website',
  'ownerId',
] as const;

export const CompanyMergeSchema = z
  .object({
    version: VersionSchema.describe('Version of the company that survives (the one in the URL)'),
    otherId: IdSchema.describe('The duplicate: it goes to the trash and everything linked to it moves over'),
    otherVersion: VersionSchema,
    take: z
      .array(z.enum(companyMergeFields))
      .max(companyMergeFields.length)
      .default([])
      .describe('Fields whose value comes from the duplicate; all others keep the survivor’s value'),
    takeCustomFields: z
      .array(IdSchema)
      .max(500)
      .default([])
      .describe(
        'Custom fields (ids) whose value comes from the duplicate; otherwise the survivor’s value wins and the duplicate fills only empty ones. Categories are always combined',
      ),
  })
  .strict();
export type CompanyMerge = z.input<typeof CompanyMergeSchema>;

export const DuplicateReasonSchema = z.enum(['orgNumber', 'name', 'email', 'phone']);
export const CompanyDuplicateQuerySchema = z
  .object({
    name: z.string().trim().max(200).optional(),
    orgNumber: z.string().trim().max(40).optional(),
    country: CountrySchema.optional(),
    email: z.string().trim().max(254).optional(),
    phone: z.string().trim().max(40).optional(),
    excludeId: IdSchema.optional().describe('The company being edited'),
  })
  .strict();
export const CompanyDuplicateListSchema = z.object({
  items: z.array(
    z.object({
      company: CompanySchema,
      reasons: z.array(DuplicateReasonSchema).describe('What matched: the same org number, a similar name, …'),
    }),
  ),
});
