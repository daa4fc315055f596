import type { Import } from '@rapport/contracts/imports.ts';
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { toCompany } from '../companies/companies.service.ts';
import { selectCompany } from '../companies/companies.sql.ts';
import { toContact } from '../contacts/contacts.service.ts';
import { selectContact } from '../contacts/contacts.sql.ts';
import { columnsOf } from './import-batch.ts';
import { companyStateOf } from './import-rows.ts';
import { getImport, loadImport, mayUndo } from './imports.service.ts';
import * as q from './imports.sql.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Takes an import back, in one transaction, from its audit rows: records it created go to the trash,
 * records it updated get their earlier values back — field by field, and only where the value is still
 * the one the import wrote, so a change made after the import is never lost. Every change is audited.
 */
export async function undoImport(ctx: Ctx, id: string): Promise<Import> {
  const row = await loadImport(ctx, id);
  if (!mayUndo(ctx, row))
    throw new AppError('FORBIDDEN', 'Only the user who ran the import or an administrator can undo it');
  await ctx.db.transaction().execute(async (db) => {
    const current = await q.selectImport(db, ctx.workspaceId, id, { forUpdate: true });
    if (!current) throw notFound('Import');
    if (current.status !== 'done' && current.status !== 'failed') {
      throw new AppError(
        'CONFLICT',
        current.status === 'undone' ? 'This import was undone already' : 'The import has not finished yet',
      );
    }
    const summary = await revertImport(db, ctx.workspaceId, current, {
      userId: ctx.actor.userId,
      kind: ctx.actor.kind,
    });
    await q.updateImport(db, ctx.workspaceId, id, {
      status: 'undone',
      undone_at: sql`now()`,
      undone_by: ctx.actor.userId,
      undo_summary: JSON.stringify(summary),
    });
  });
  return getImport(ctx, id);
}

export type RevertSummary = { removed: number; restored: number; kept: number };

/** Reverts what the import `current` (locked by the caller) wrote, on `db`, the caller's transaction. */
export async function revertImport(
  db: Kysely<DB>,
  workspaceId: string,
  current: { id: string; entity: string },
  actor: { userId: string; kind: string },
): Promise<RevertSummary> {
  const id = current.id;
  const entity = current.entity as 'company' | 'contact';
  const table = entity === 'company' ? 'companies' : 'contacts';
  const history = await q.selectImportAudit(db, workspaceId, id, entity);
  const created = [...new Set(history.filter((h) => h.action === 'create').map((h) => h.entity_id))];
  const createdSet = new Set(created);
  // Per updated record and field: the value before the import's first change and after its last.
  const updated = new Map<string, Map<string, { old: unknown; new: unknown }>>();
  for (const h of history) {
    if (h.action !== 'update' || !h.field || createdSet.has(h.entity_id)) continue;
    const fields = updated.get(h.entity_id) ?? new Map();
    const seen = fields.get(h.field);
    fields.set(h.field, { old: seen ? seen.old : h.old_value, new: h.new_value });
    updated.set(h.entity_id, fields);
  }

  const trashed = await q.trashRecords(db, table, workspaceId, created);
  const audit: q.AuditInsert[] = trashed.map((entityId) => ({
    entity,
    entityId,
    action: 'delete',
    field: null,
    old: null,
    new: null,
  }));

  let restored = 0;
  let kept = created.length - trashed.length;
  const all = { company: sql<SqlBool>`true`, contact: sql<SqlBool>`true` };
  for (const [entityId, fields] of updated) {
    let now: Record<string, unknown> | null = null;
    if (entity === 'company') {
      const r = await selectCompany(db, workspaceId, entityId, {
        includeDeleted: false,
        forUpdate: true,
        visible: all,
      });
      now = r ? companyStateOf(toCompany(r)) : null;
    } else {
      const r = await selectContact(db, workspaceId, entityId, {
        includeDeleted: false,
        forUpdate: true,
        visible: all,
      });
      now = r ? (toContact(r) as unknown as Record<string, unknown>) : null;
    }
    if (!now) {
      kept++;
      continue;
    }
    const back: Record<string, unknown> = {};
    let changedSince = false;
    for (const [field, v] of fields) {
      if (same(now[field], v.new)) back[field] = v.old;
      else changedSince = true;
    }
    if (changedSince) kept++;
    if (Object.keys(back).length === 0) continue;
    await q.updateRecord(db, table, workspaceId, entityId, columnsOf(entity, back), null);
    for (const [field, value] of Object.entries(back)) {
      audit.push({ entity, entityId, action: 'update', field, old: now[field], new: value });
    }
    if (!changedSince) restored++;
  }
  await q.insertAuditRows(db, workspaceId, actor, null, audit);
  return { removed: trashed.length, restored, kept };
}
