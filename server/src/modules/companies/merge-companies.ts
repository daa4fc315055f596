import type { CompanyDuplicateQuerySchema, CompanyMergeSchema } from '@rapport/contracts/companies.ts';
import type { z } from 'zod';
import type { Ctx } from '../../http/context.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.sql.ts';
import { mergeCategories } from '../categories/company-categories.ts';
import { applyChanges, type Editable, editableOf, toCompany, visibleFor } from './companies.service.ts';
import * as q from './companies.sql.ts';

const digits = (v: string | undefined) => (v ? v.replace(/\D/g, '') : '');

/** Possible duplicates of a company being created or edited, with what matched. */
export async function findDuplicateCompanies(ctx: Ctx, query: z.output<typeof CompanyDuplicateQuerySchema>) {
  const name = query.name && query.name.length >= 3 ? query.name : null;
  const orgDigits = digits(query.orgNumber).length >= 6 ? digits(query.orgNumber) : null;
  const email = query.email?.includes('@') ? query.email.toLowerCase() : null;
  const phoneDigits = digits(query.phone).length >= 6 ? digits(query.phone) : null;
  if (!name && !orgDigits && !email && !phoneDigits) return { items: [] };
  const visible = visibleFor(ctx);
  const hits = await q.selectDuplicates(ctx.db, ctx.workspaceId, visible, {
    name,
    orgDigits,
    email,
    phoneDigits,
    excludeId: query.excludeId ?? null,
  });
  const items = [];
  for (const h of hits) {
    const row = await q.selectCompany(ctx.db, ctx.workspaceId, h.id, { includeDeleted: false, visible });
    if (!row) continue;
    const reasons = (
      [
        ['orgNumber', h.by_org],
        ['name', h.by_name],
        ['email', h.by_email],
        ['phone', h.by_phone],
      ] as const
    )
      .filter(([, hit]) => hit)
      .map(([r]) => r);
    items.push({ company: toCompany(row), reasons });
  }
  return { items };
}

/**
 * Merges a duplicate into the company in the URL: the chosen fields take the duplicate's values,
 * contacts and notes move over, the duplicate goes to the trash marked as merged, and both
 * histories record it — all in one transaction.
 */
export async function mergeCompanies(ctx: Ctx, id: string, input: z.output<typeof CompanyMergeSchema>) {
  if (id === input.otherId) throw invalid('otherId', 'A company cannot be merged with itself');
  const visible = visibleFor(ctx);
  return ctx.db.transaction().execute(async (db) => {
    // Lock in id order so two opposite merges cannot deadlock.
    const [firstId, secondId] = id < input.otherId ? [id, input.otherId] : [input.otherId, id];
    const first = await q.selectCompany(db, ctx.workspaceId, firstId, {
      includeDeleted: false,
      forUpdate: true,
      visible,
    });
    const second = await q.selectCompany(db, ctx.workspaceId, secondId, {
      includeDeleted: false,
      forUpdate: true,
      visible,
    });
    const survivorRow = first?.id === id ? first : second;
    const otherRow = first?.id === id ? second : first;
    if (!survivorRow || !otherRow) throw notFound('Company');
    const survivor = toCompany(survivorRow);
    const other = toCompany(otherRow);
    if (survivor.version !== input.version) {
      throw new AppError('CONFLICT', `Someone else changed ${survivor.name}; reload and merge again`, {
        current: survivor,
      });
    }
    if (other.version !== input.otherVersion) {
      throw new AppError('CONFLICT', `Someone else changed ${other.name}; reload and merge again`, { current: other });
    }
    const taken = editableOf(other);
    const picked: Partial<Editable> = {};
    for (const field of input.take) (picked as Record<string, unknown>)[field] = taken[field];
    await applyChanges(ctx, db, survivor, picked, 'merge');
    // Categories are combined; custom values of the duplicate fill the survivor's empty ones (or win where taken).
    const categoryChanges = await mergeCategories(ctx, db, survivor, other, input.takeCustomFields);
    if (categoryChanges.length > 0) {
      await q.updateCompany(db, ctx.workspaceId, survivor.id, {});
      await insertAudit(db, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        entity: 'company',
        entityId: survivor.id,
        action: 'merge',
        changes: categoryChanges,
      });
    }
    // Each contact that moves says so in its own history.
    const moved = await db
      .selectFrom('contacts')
      .select('id')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('company_id', '=', other.id)
      .execute();
    await q.moveCompanyLinks(db, ctx.workspaceId, other.id, survivor.id);
    for (const c of moved) {
      await insertAudit(db, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        entity: 'contact',
        entityId: c.id,
        action: 'merge',
        changes: [{ field: 'companyId', old: other.id, new: survivor.id }],
      });
    }
    await q.markMerged(db, ctx.workspaceId, other.id, survivor.id);
    await insertAudit(db, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      entity: 'company',
      entityId: survivor.id,
      action: 'merge',
      changes: [{ field: 'mergedFrom', old: null, new: { id: other.id, name: other.name } }],
    });
    await insertAudit(db, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      entity: 'company',
      entityId: other.id,
      action: 'merge',
      changes: [{ field: 'mergedInto', old: null, new: { id: survivor.id, name: survivor.name } }],
    });
    const row = await q.selectCompany(db, ctx.workspaceId, survivor.id, { includeDeleted: false, visible });
    if (!row) throw notFound('Company');
    return toCompany(row);
  });
}
