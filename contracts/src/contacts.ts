import { z } from 'zod';
import {
  IdSchema,
  listQuery,
  optionalEmail,
  optionalPhone,
  optionalText,
  pageOf,
  TimestampSchema,
  VersionSchema,
  VisibilitySchema,
} from './common.ts';
import { activityListInclude } from './companies.ts';

export const ContactSchema = z
  .object({
    id: IdSchema,
    firstName: z.string(),
    lastName: z.string(),
    title: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    companyId: IdSchema.nullable(),
    companyName: z.string().nullable(),
    ownerId: IdSchema,
    ownerName: z.string().nullable(),
    visibility: VisibilitySchema,
    nextActivityAt: TimestampSchema.nullable()
      .optional()
      .describe('Start of the earliest open activity from now on (only when the list asks for it: `include`)'),
    lastActivityAt: TimestampSchema.nullable()
      .optional()
      .describe('When the latest activity took place: done, or started before now (only when asked: `include`)'),
    version: z.number().int(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    deletedAt: TimestampSchema.nullable(),
  })
  .describe('Contact person');
export type Contact = z.infer<typeof ContactSchema>;

const name = (what: string) => z.string().trim().max(100).describe(what);

export const ContactCreateSchema = z
  .object({
    firstName: name('First name').default(''),
    lastName: name('Last name').default(''),
    title: optionalText(120).describe('Job title'),
    email: optionalEmail,
    phone: optionalPhone,
    companyId: IdSchema.nullish()
      .transform((v) => v ?? null)
      .describe('The company the person works for'),
    ownerId: IdSchema.optional().describe('Defaults to the creating user'),
    visibility: VisibilitySchema.default('everyone'),
  })
  .strict()
  .refine((c) => c.firstName !== '' || c.lastName !== '', {
    message: 'A contact needs a first or last name',
    path: ['lastName'],
  })
  .describe('New contact');
export type ContactCreate = z.input<typeof ContactCreateSchema>;

export const ContactPatchSchema = z
  .object({
    version: VersionSchema,
    firstName: name('First name').optional(),
    lastName: name('Last name').optional(),
    title: optionalText(120).optional(),
    email: optionalEmail.optional(),
    phone: optionalPhone.optional(),
    companyId: IdSchema.nullable().optional(),
    ownerId: IdSchema.optional(),
    visibility: VisibilitySchema.optional(),
  })
  .strict()
  .describe('Changed fields of a contact, with the version they are based on');
export type ContactPatch = z.input<typeof ContactPatchSchema>;

export const contactSortFields = ['lastName', 'firstName', 'email', 'createdAt', 'updatedAt'] as const;
export const contactFilterFields = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'title',
  'companyId',
  'ownerId',
  'visibility',
  'createdAt',
] as const;
export const ContactListQuerySchema = listQuery(contactSortFields).extend({
  include: activityListInclude,
});
export type ContactListQuery = z.input<typeof ContactListQuerySchema>;
export const ContactPageSchema = pageOf(ContactSchema);

/** Fields whose value a merge can take from the other contact. */
export const contactMergeFields = [
  'firstName',
  'lastName',
  'title',
  'email',
  'phone',
  'companyId',
  'ownerId',
  'visibility',
] as const;

export const ContactMergeSchema = z
  .object({
    version: VersionSchema.describe('Version of the contact that survives (the one in the URL)'),
    otherId: IdSchema.describe('The duplicate: it goes to the trash and everything linked to it moves over'),
    otherVersion: VersionSchema,
    take: z
      .array(z.enum(contactMergeFields))
      .max(contactMergeFields.length)
      .default([])
      .describe('Fields whose value comes from the duplicate; all others keep the survivor’s value'),
  })
  .strict();
export type ContactMerge = z.input<typeof ContactMergeSchema>;

export const ContactDuplicateReasonSchema = z.enum(['email', 'phone', 'name']);
export const ContactDuplicateQuerySchema = z
  .object({
    firstName: z.string().trim().max(100).optional(),
    lastName: z.string().trim().max(100).optional(),
    email: z.string().trim().max(254).optional(),
    phone: z.string().trim().max(40).optional(),
    companyId: IdSchema.optional().describe('A similar name counts only within the same company'),
    excludeId: IdSchema.optional().describe('The contact being edited'),
  })
  .strict();
export const ContactDuplicateListSchema = z.object({
  items: z.array(
    z.object({
      contact: ContactSchema,
      reasons: z.array(ContactDuplicateReasonSchema).describe('What matched: the same e-mail, phone, or name'),
    }),
  ),
});
