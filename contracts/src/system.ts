import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common.ts';

export const HealthSchema = z.object({ status: z.enum(['ok', 'unavailable']) });

export const OutboxMailSchema = z.object({
  id: IdSchema,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: TimestampSchema,
  sentAt: TimestampSchema.nullable(),
  error: z.string().nullable(),
});
export const OutboxListSchema = z.object({ items: z.array(OutboxMailSchema) });

export const AuditEntrySchema = z.object({
  id: IdSchema,
  entity: z.string(),
  entityId: IdSchema,
  action: z.enum(['create', 'update', 'delete', 'restore', 'merge']),
  field: z.string().nullable(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  actorId: IdSchema.nullable(),
  actorName: z.string().nullable(),
  at: TimestampSchema,
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export const AuditQuerySchema = z
  .object({
    entity: z.enum(['company', 'contact']),
    entityId: IdSchema,
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export const AuditListSchema = z.object({ items: z.array(AuditEntrySchema) });

export const UserSummarySchema = z.object({ id: IdSchema, name: z.string(), email: z.string() });
export const UserListSchema = z.object({ items: z.array(UserSummarySchema) });
