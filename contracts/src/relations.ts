import { z } from 'zod';
import { IdSchema, TimestampSchema, VersionSchema } from './common.ts';

/** `company`: a relation between two companies; `contact`: a contact's role at a company other than its employer. */
export const RelationKindSchema = z
  .enum(['company', 'contact'])
  .describe('`company`: between two companies; `contact`: a contact and a company other than its employer');
export type RelationKind = z.infer<typeof RelationKindSchema>;

export const BuiltInRelationKeySchema = z
  .enum(['parent', 'partner', 'competitor', 'board_member', 'consultant', 'former_employee'])
  .describe('Which built-in type this is; `parent` builds the group tree');
export type BuiltInRelationKey = z.infer<typeof BuiltInRelationKeySchema>;

/** The types every workspace starts with, in their standard English wording. */
export const BUILT_IN_RELATION_TYPES: readonly {
  key: BuiltInRelationKey;
  kind: RelationKind;
  fromLabel: string;
  toLabel: string | null;
  symmetric: boolean;
}[] = [
  { key: 'parent', kind: 'company', fromLabel: 'Parent company', toLabel: 'Subsidiary', symmetric: false },
  { key: 'partner', kind: 'company', fromLabel: 'Partner', toLabel: null, symmetric: true },
  { key: 'competitor', kind: 'company', fromLabel: 'Competitor', toLabel: null, symmetric: true },
  { key: 'board_member', kind: 'contact', fromLabel: 'Board member', toLabel: null, symmetric: false },
  { key: 'consultant', kind: 'contact', fromLabel: 'Consultant', toLabel: null, symmetric: false },
  { key: 'former_employee', kind: 'contact', fromLabel: 'Former employee', toLabel: null, symmetric: false },
];

const label = z.string().trim().min(1, 'A label is needed').max(100);

export const RelationTypeSchema = z
  .object({
    id: IdSchema,
    kind: RelationKindSchema,
    key: BuiltInRelationKeySchema.nullable().describe('Set on the built-in types, null on types added by people'),
    symmetric: z.boolean().describe('The same relation seen from both sides (partner, competitor)'),
    fromLabel: z
      .string()
      .describe(
        'Company types: the role of the `from` company ("Parent company"), or the one label of a symmetric type. Contact types: the contact\'s role ("Board member")',
      ),
    toLabel: z
      .string()
      .nullable()
      .describe('Company types that are not symmetric: the role of the `to` company ("Subsidiary")'),
    version: z.number().int(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .describe('A kind of relation, with its wording from each side');
export type RelationType = z.infer<typeof RelationTypeSchema>;

export const RelationTypeListQuerySchema = z.object({ kind: RelationKindSchema.optional() }).strict();
export const RelationTypeListSchema = z.object({ items: z.array(RelationTypeSchema) });

export const RelationTypeCreateSchema = z
  .object({
    kind: RelationKindSchema,
    symmetric: z.boolean().default(false).describe('Company types only: one label for both sides'),
    fromLabel: label.describe("The role of the `from` company, the label of a symmetric type, or a contact's role"),
    toLabel: label.nullish().describe('Company types that are not symmetric: the role of the `to` company'),
  })
  .strict()
  .superRefine((v, ctx) => {
    const needsTo = v.kind === 'company' && !v.symmetric;
    if (needsTo && !v.toLabel) {
      ctx.addIssue({ code: 'custom', path: ['toLabel'], message: 'A one-way type needs a label for each side' });
    }
    if (!needsTo && v.toLabel) {
      ctx.addIssue({ code: 'custom', path: ['toLabel'], message: 'Only one-way company types have a second label' });
    }
    if (v.kind === 'contact' && v.symmetric) {
      ctx.addIssue({ code: 'custom', path: ['symmetric'], message: 'Contact types are never symmetric' });
    }
  });
export type RelationTypeCreate = z.input<typeof RelationTypeCreateSchema>;

export const RelationTypePatchSchema = z
  .object({
    version: VersionSchema,
    fromLabel: label.optional(),
    toLabel: label.optional().describe('Only for one-way company types'),
  })
  .strict()
  .describe('Rename a type; its kind and symmetry stay as created');
export type RelationTypePatch = z.input<typeof RelationTypePatchSchema>;

/** A company as shown in a relation or the group tree. */
export const RelatedCompanySchema = z.object({
  id: IdSchema,
  name: z.string(),
  customerNumber: z.number().int(),
  city: z.string().nullable().describe('City of the visiting address, else the postal or any other address'),
});
export type RelatedCompany = z.infer<typeof RelatedCompanySchema>;

export const CompanyRelationSchema = z
  .object({
    id: IdSchema,
    typeId: IdSchema,
    typeKey: BuiltInRelationKeySchema.nullable(),
    fromCompanyId: IdSchema,
    toCompanyId: IdSchema,
    side: z
      .enum(['from', 'to'])
      .describe('Which label of the type applies: the role the related company plays from this viewpoint'),
    label: z.string().describe('What the related company is, seen from the viewpoint company ("Subsidiary")'),
    company: RelatedCompanySchema.describe('The related company (the other end, seen from the viewpoint company)'),
    note: z.string().nullable(),
    version: z.number().int(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .describe('A relation between two companies, seen from one of them');
export type CompanyRelation = z.infer<typeof CompanyRelationSchema>;

export const CompanyRelationListQuerySchema = z
  .object({
    companyId: IdSchema.describe('The company whose relations to list (both directions), and the viewpoint of labels'),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();
export const CompanyRelationListSchema = z.object({
  items: z.array(CompanyRelationSchema).describe("By type, then by the related company's name"),
  hasMore: z.boolean().describe('More relations exist than `limit`'),
});

const note = z
  .string()
  .trim()
  .max(1000)
  .nullish()
  .transform((v) => (v ? v : null))
  .describe('Free text about the relation');
const notePatch = z
  .string()
  .trim()
  .max(1000)
  .nullable()
  .optional()
  .describe('New note; empty or null clears it, left out keeps it');

export const CompanyRelationCreateSchema = z
  .object({
    typeId: IdSchema.describe('A company relation type'),
    fromCompanyId: IdSchema.describe('For parent/subsidiary: the parent company'),
    toCompanyId: IdSchema.describe('For parent/subsidiary: the subsidiary'),
    note,
  })
  .strict()
  .describe('Link two companies; the answer is seen from `fromCompanyId`');
export type CompanyRelationCreate = z.input<typeof CompanyRelationCreateSchema>;

export const CompanyRelationPatchSchema = z
  .object({ version: VersionSchema, typeId: IdSchema.optional(), note: notePatch })
  .strict()
  .describe('Change the type or the note; the answer is seen from the `from` company');
export type CompanyRelationPatch = z.input<typeof CompanyRelationPatchSchema>;

export const ContactRelationSchema = z
  .object({
    id: IdSchema,
    typeId: IdSchema,
    typeKey: BuiltInRelationKeySchema.nullable(),
    label: z.string().describe('The contact\'s role at the company ("Board member")'),
    contact: z.object({
      id: IdSchema,
      firstName: z.string(),
      lastName: z.string(),
      title: z.string().nullable(),
      companyName: z.string().nullable().describe("The contact's employer, when the reader may see it"),
    }),
    company: RelatedCompanySchema,
    note: z.string().nullable(),
    version: z.number().int(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .describe("A contact's role at a company other than its employer");
export type ContactRelation = z.infer<typeof ContactRelationSchema>;

export const ContactRelationListQuerySchema = z
  .object({
    contactId: IdSchema.optional().describe('The companies a contact is linked to'),
    companyId: IdSchema.optional().describe('The people linked to a company by relation'),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict()
  .refine((v) => (v.contactId === undefined) !== (v.companyId === undefined), {
    message: 'Give either contactId or companyId',
    path: ['contactId'],
  });
export const ContactRelationListSchema = z.object({
  items: z.array(ContactRelationSchema),
  hasMore: z.boolean().describe('More relations exist than `limit`'),
});

export const ContactRelationCreateSchema = z
  .object({ typeId: IdSchema.describe('A contact relation type'), contactId: IdSchema, companyId: IdSchema, note })
  .strict();
export type ContactRelationCreate = z.input<typeof ContactRelationCreateSchema>;

export const ContactRelationPatchSchema = z
  .object({ version: VersionSchema, typeId: IdSchema.optional(), note: notePatch })
  .strict();
export type ContactRelationPatch = z.input<typeof ContactRelationPatchSchema>;

export const GroupNodeSchema = RelatedCompanySchema.extend({
  parentId: IdSchema.nullable().describe('The parent company in the tree; null at the top'),
  depth: z.number().int().describe('0 at the top of the group'),
  contactCount: z.number().int().describe('Contacts the reader may see'),
  current: z.boolean().describe('The company the tree was asked for'),
});
export type GroupNode = z.infer<typeof GroupNodeSchema>;

export const CompanyGroupSchema = z
  .object({
    companyId: IdSchema,
    topId: IdSchema.describe('The top parent company the reader may see'),
    nodes: z.array(GroupNodeSchema).describe('Depth first from the top, siblings by name'),
    truncated: z.boolean().describe('The group is deeper or larger than the tree shows'),
  })
  .describe(
    'The group (konsern) of a company: from the top parent down through all subsidiaries. Companies the reader may not see are left out, with everything below them',
  );
export type CompanyGroup = z.infer<typeof CompanyGroupSchema>;
