import type { ContactDuplicateQuerySchema, ContactMergeSchema } from '@rapport/contracts/contacts.ts';
import type { z } from 'zod';
import type { Ctx } from '../../http/context.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import { visibleTo } from '../../lib/visibility.ts';
import { diff, insertAudit } from '../audit/audit.sql.ts';
import { toContact } from './contacts.service.ts';
import * as q from './contacts.sql.ts';

const digits = (v: string | undefined) => (v ? v.replace(/\D/g, '') : '');
const visibleFor = (ctx: Ctx): q.Visible => ({
  contact: visibleTo('ct', ctx.actor),
  company: visibleTo('co', ctx.actor),
});

const COLUMN = {
  firstName: 'first_name',
  lastName: 'last_name',
  title: 'title',
  email: 'email',
  phone: 'phone',
  companyId: 'company_id',
  ownerId: 'owner_id',
  visibility: 'visibility',
} as const;

/** Possible duplicates of a contact being created or edited, with what matched. */
export async function findDuplicateContacts(ctx: Ctx, query: z.output<typeof ContactDuplicateQuerySchema>) {
  const email = query.email?.includes('@') ? query.email.toLowerCase() : null;
  const phoneDigits = digits(query.phone).length >= 6 ? digits(query.phone) : null;
  const fullName = [query.firstName, query.lastName].filter(Boolean).join(' ').trim();
  const name = query.firstName && query.lastName && fullName.length >= 4 ? fullName : null;
  if (!email && !phoneDigits && !name) return { items: [] };
  const visible = visibleFor(ctx);
  const hits = await q.selectContactDuplicates(ctx.db, ctx.workspaceId, visible, {
    email,
    phoneDigits,
    name,
    companyId: query.companyId ?? null,
    excludeId: query.excludeId ?? null,
  });
  const items = [];
  for (const h of hits) {
    const row = await q.selectContact(ctx.db, ctx.workspaceId, h.id, { includeDeleted: false, visible });
    if (!row) continue;
    const reasons = (
      [
        ['email', h.by_email],
        ['phone', h.by_phone],
        ['name', h.by_name],
      ] as const
    )
      .filter(([, hit]) => hit)
      .map(([r]) => r);
    items.push({ contact: toContact(row), reasons });
  }
  return { items };
}

/**
 * Merges a duplicate into the contact in the URL: the chosen fields take the duplicate's values, its
 * notes move over, the duplicate goes to the trash marked as merged, and both histories record it —
 * all in one transaction.
 */
export async function mergeContacts(ctx: Ctx, id: string, input: z.output<typeof ContactMergeSchema>) {
  if (id === input.otherId) throw invalid('otherId', 'A contact cannot be merged with itself');
  const visible = visibleFor(ctx);
  return ctx.db.transaction().execute(async (db) => {
    // Lock in id order so two opposite merges cannot deadlock.
    const [firstId, secondId] = id < input.otherId ? [id, input.otherId] : [input.otherId, id];
    const lock = (cid: string) =>
      q.selectContact(db, ctx.workspaceId, cid, { includeDeleted: false, forUpdate: true, visible });
    const first = await lock(firstId);
    const second = await lock(secondId);
    const survivorRow = first?.id === id ? first : second;
    const otherRow = first?.id === id ? second : first;
    if (!survivorRow || !otherRow) throw notFound('Contact');
    const survivor = toContact(survivorRow);
    const other = toContact(otherRow);
    const label = (c: typeof survivor) => `${c.firstName} ${c.lastName}`.trim();
    if (survivor.version !== input.version) {
      throw new AppError('CONFLICT', `Someone else changed ${label(survivor)}; reload and merge again`, {
        current: survivor,
      });
    }
    if (other.version !== input.otherVersion) {
      throw new AppError('CONFLICT', `Someone else changed ${label(other)}; reload and merge again`, {
        current: other,
      });
    }
    const picked: Record<string, unknown> = {};
    for (const field of input.take) picked[field] = other[field];
    if ((picked.firstName ?? survivor.firstName) === '' && (picked.lastName ?? survivor.lastName) === '') {
      throw invalid('take', 'The merged contact would have no name');
    }
    const changes = diff(survivor as unknown as Record<string, unknown>, picked);
    if (changes.length > 0) {
      const values: Record<string, unknown> = {};
      for (const c of changes) values[COLUMN[c.field as keyof typeof COLUMN]] = c.new;
      await q.updateContact(db, ctx.workspaceId, survivor.id, values);
      await insertAudit(db, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        entity: 'contact',
        entityId: survivor.id,
        action: 'merge',
        changes,
      });
    }
    await q.moveContactLinks(db, ctx.workspaceId, other.id, survivor.id);
    await q.markContactMerged(db, ctx.workspaceId, other.id, survivor.id);
    await insertAudit(db, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      entity: 'contact',
      entityId: survivor.id,
      action: 'merge',
      changes: [{ field: 'mergedFrom', old: null, new: { id: other.id, name: label(other) } }],
    });
    await insertAudit(db, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      entity: 'contact',
      entityId: other.id,
      action: 'merge',
      changes: [{ field: 'mergedInto', old: null, new: { id: survivor.id, name: label(survivor) } }],
    });
    const row = await q.selectContact(db, ctx.workspaceId, survivor.id, { includeDeleted: false, visible });
    if (!row) throw notFound('Contact');
    return toContact(row);
  });
}
