import { z } from 'zod';
import { EmailValueSchema, IdSchema, TimestampSchema } from './common.ts';

/** Roles inside a workspace, strongest first. */
export const RoleSchema = z.enum(['admin', 'manager', 'user', 'readonly']).describe('Role in the workspace');
export type Role = z.infer<typeof RoleSchema>;

export const PasswordSchema = z.string().min(10, 'At least 10 characters').max(128);

export const SetupStatusSchema = z.object({
  needed: z.boolean().describe('True while no workspace exists: the first visit creates one'),
});

export const SetupSchema = z
  .object({
    workspace: z.string().trim().min(1).max(100).describe('Workspace (company) name'),
    name: z.string().trim().min(1).max(100).describe("Administrator's name"),
    email: EmailValueSchema,
    password: PasswordSchema,
  })
  .strict();
export type Setup = z.infer<typeof SetupSchema>;

export const SetupResultSchema = z.object({ workspaceId: IdSchema, userId: IdSchema });

export const WorkspaceSummarySchema = z.object({ id: IdSchema, name: z.string(), slug: z.string(), role: RoleSchema });

export const MeSchema = z.object({
  user: z.object({ id: IdSchema, name: z.string(), email: z.string() }),
  workspace: WorkspaceSummarySchema.nullable().describe('The active workspace'),
  workspaces: z.array(WorkspaceSummarySchema),
  timeZone: z.string().nullable().describe('My time zone in the active workspace (preferences); null without one'),
  language: z.enum(['en', 'nb', 'sv']).nullable().describe('My language in the active workspace (preferences)'),
});
export type Me = z.infer<typeof MeSchema>;

export const SwitchWorkspaceSchema = z.object({ workspaceId: IdSchema }).strict();

export const MemberSchema = z.object({
  id: IdSchema.describe('Membership id'),
  userId: IdSchema,
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  active: z.boolean().describe('False while an administrator has deactivated the member: no sign-in, records kept'),
  createdAt: TimestampSchema,
});
export type Member = z.infer<typeof MemberSchema>;
export const MemberListSchema = z.object({ items: z.array(MemberSchema) });
export const MemberPatchSchema = z
  .object({
    role: RoleSchema.optional(),
    active: z
      .boolean()
      .optional()
      .describe('false deactivates the member (their sessions end at once); true reactivates'),
  })
  .strict()
  .refine((v) => v.role !== undefined || v.active !== undefined, 'Send role, active or both');

export const InvitationCreateSchema = z.object({ email: EmailValueSchema, role: RoleSchema.default('user') }).strict();
export const InvitationSchema = z.object({
  id: IdSchema,
  email: z.string(),
  role: RoleSchema,
  status: z.string(),
  expiresAt: TimestampSchema,
});
export const InvitationListSchema = z.object({ items: z.array(InvitationSchema) });

export const ApiKeySchema = z.object({
  id: IdSchema,
  name: z.string(),
  prefix: z.string().describe('First characters of the key, to recognise it'),
  role: RoleSchema,
  createdAt: TimestampSchema,
  lastUsedAt: TimestampSchema.nullable(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;
export const ApiKeyListSchema = z.object({ items: z.array(ApiKeySchema) });
export const ApiKeyCreateSchema = z
  .object({ name: z.string().trim().min(1).max(100), role: RoleSchema.default('user') })
  .strict();
export const ApiKeyCreatedSchema = ApiKeySchema.extend({
  key: z.string().describe('The secret: shown once, send it as `Authorization: Bearer <key>`'),
});
