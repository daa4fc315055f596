import type {
  Contact,
  ContactCreateSchema,
  ContactListQuerySchema,
  ContactPatchSchema,
} from '@rapport/contracts/contacts.ts';
import { type RawBuilder, sql } from 'kysely';
import type { z } from 'zod';
import { type Ctx, steadyStatements } from '../../http/context.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import { newId } from '../../lib/ids.ts';
import { filterConditions, keysetCondition, ordering, page, parseFilters, searchMatch } from '../../lib/list.ts';
import { visibleTo } from '../../lib/visibility.ts';
import { auditChangesSql, auditInsertSql, diff, insertAudit } from '../audit/audit.sql.ts';
import { activityColumnValues, activityListParts } from '../companies/company-list-activity.ts';
import { isMember } from '../workspaces/workspaces.sql.ts';
import * as q from './contacts.sql.ts';

export const toContact = (r: q.ContactRow): Contact => ({
  id: r.id,
  firstName: r.first_name,
  lastName: r.last_name,
  title: r.title,
  email: r.email,
  phone: r.phone,
  companyId: r.company_id,
  companyName: r.company_name,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  visibility: r.visibility as Contact['visibility'],
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  deletedAt: r.deleted_at ? r.deleted_at.toISOString() : null,
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

/** What the reader may see: "only the owner" contacts and companies are hidden from everyone else but administrators. */
const visibleFor = (ctx: Ctx): q.Visible => ({
  contact: visibleTo('ct', ctx.actor),
  company: visibleTo('co', ctx.actor),
});

export async function listContacts(ctx: Ctx, query: z.output<typeof ContactListQuerySchema>) {
  // Next / last activity: computed only when asked for or sorted by.
  const activity = activityListParts({ kind: 'contact', alias: 'ct' }, ctx.actor, query.include, query.sort);
  const order = activity.order ?? ordering(query.sort, q.contactSorts, 'lastName');
  const conditions = filterConditions(parseFilters(query.filter), q.contactFilters);
  if (query.q?.trim()) conditions.push(searchMatch(sql`ct.search_text`, query.q.trim()));
  const keyset = keysetCondition(order, query.cursor, sql`ct.id`);
  if (keyset) conditions.push(keyset);
  const rows = await q.selectContactPage(ctx.db, ctx.workspaceId, {
    visible: visibleFor(ctx),
    deleted: query.deleted === 'true',
    conditions,
    order,
    limit: query.limit,
    extra: activity.select,
  });
  return page(rows, query.limit, order, (r) => ({ ...toContact(r), ...activityColumnValues(r) }));
}

export async function getContact(ctx: Ctx, id: string, opts: { includeDeleted?: boolean } = {}): Promise<Contact> {
  const row = await q.selectContact(ctx.db, ctx.workspaceId, id, {
    includeDeleted: opts.includeDeleted ?? false,
    visible: visibleFor(ctx),
  });
  if (!row) throw notFound('Contact');
  return toContact(row);
}

async function checkLinks(ctx: Ctx, input: { ownerId?: string | undefined; companyId?: string | null | undefined }) {
  if (input.ownerId !== undefined && !(await isMember(ctx.db, ctx.workspaceId, input.ownerId))) {
    throw invalid('ownerId', 'The owner must be a member of this workspace');
  }
  if (input.companyId && !(await q.companyIsLive(ctx.db, ctx.workspaceId, input.companyId, visibleFor(ctx)))) {
    throw invalid('companyId', 'The company does not exist');
  }
}

export async function createContact(ctx: Ctx, input: z.output<typeof ContactCreateSchema>): Promise<Contact> {
  // The company is checked inside the insert itself (one round trip less); the owner here.
  await checkLinks(ctx, { ownerId: input.ownerId });
  const id = newId();
  const values = {
    first_name: input.firstName,
    last_name: input.lastName,
    title: input.title,
    email: input.email,
    phone: input.phone,
    company_id: input.companyId,
    owner_id: input.ownerId ?? ctx.actor.userId,
    visibility: input.visibility,
  };
  const history = (onlyIf: RawBuilder<unknown>) =>
    auditInsertSql(
      {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        entity: 'contact',
        entityId: id,
        action: 'create',
        changes: (Object.keys(COLUMN) as (keyof typeof COLUMN)[])
          .filter((f) => values[COLUMN[f]] !== null && values[COLUMN[f]] !== '')
          .map((field) => ({ field, old: null, new: values[COLUMN[field]] })),
      },
      onlyIf,
    );
  const row = await q.insertContactWithHistory(
    steadyStatements(ctx),
    { ...values, workspace_id: ctx.workspaceId, id, created_by: ctx.actor.userId },
    history,
    visibleFor(ctx),
  );
  if (!row) {
    if (input.companyId) await checkLinks(ctx, { companyId: input.companyId });
    throw new AppError('INTERNAL', 'The new contact could not be read back');
  }
  return toContact(row);
}

export async function updateContact(
  ctx: Ctx,
  id: string,
  patch: z.output<typeof ContactPatchSchema>,
): Promise<Contact> {
  const { version, ...fields } = patch;
  await checkLinks(ctx, fields);
  // The usual case in one round trip. The careful path below takes the rest, and explains it: an empty
  // name, a stale version, a contact that is gone, a change that changes nothing, a new owner or
  // visibility (which may hide the contact from the writer: that is refused, and rolled back), and a new
  // company (checked, and its old value shown only to those who may see it).
  const changes = (Object.keys(fields) as Exclude<keyof typeof COLUMN, 'companyId'>[])
    .filter((f) => fields[f] !== undefined)
    .map((field) => ({ field, column: COLUMN[field], value: fields[field] }));
  const careful =
    fields.firstName === '' ||
    fields.lastName === '' ||
    fields.ownerId !== undefined ||
    fields.visibility !== undefined ||
    fields.companyId !== undefined;
  if (changes.length > 0 && !careful) {
    const row = await q.updateContactAtVersion(steadyStatements(ctx), {
      workspaceId: ctx.workspaceId,
      id,
      version,
      changes,
      visible: visibleFor(ctx),
      history: (from, changed) =>
        auditChangesSql({
          workspaceId: ctx.workspaceId,
          actor: ctx.actor,
          entity: 'contact',
          entityId: id,
          from,
          fields: changed,
        }),
    });
    if (row) return toContact(row);
  }
  return ctx.db.transaction().execute(async (db) => {
    const current = await q.selectContact(db, ctx.workspaceId, id, {
      includeDeleted: false,
      forUpdate: true,
      visible: visibleFor(ctx),
    });
    if (!current) throw notFound('Contact');
    if (current.version !== version) {
      throw new AppError('CONFLICT', 'Someone else changed this contact; reload and apply your change again', {
        current: toContact(current),
      });
    }
    const before = toContact(current);
    if ((fields.firstName ?? before.firstName) === '' && (fields.lastName ?? before.lastName) === '') {
      throw invalid('lastName', 'A contact needs a first or last name');
    }
    const changes = diff(before as unknown as Record<string, unknown>, fields);
    if (changes.length === 0) return before;
    const values: Record<string, unknown> = {};
    for (const c of changes) values[COLUMN[c.field as keyof typeof COLUMN]] = c.new;
    const history = auditInsertSql({
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      entity: 'contact',
      entityId: id,
      action: 'update',
      changes,
    });
    const row = await q.updateContactWithHistory(db, ctx.workspaceId, id, values, history, visibleFor(ctx));
    if (!row) throw notFound('Contact');
    return toContact(row);
  });
}

export async function deleteContact(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (db) => {
    const current = await q.selectContact(db, ctx.workspaceId, id, {
      includeDeleted: false,
      forUpdate: true,
      visible: visibleFor(ctx),
    });
    if (!current) throw notFound('Contact');
    await q.setContactDeleted(db, ctx.workspaceId, id, true);
    await insertAudit(db, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      entity: 'contact',
      entityId: id,
      action: 'delete',
    });
  });
}

export async function restoreContact(ctx: Ctx, id: string): Promise<Contact> {
  return ctx.db.transaction().execute(async (db) => {
    const current = await q.selectContact(db, ctx.workspaceId, id, {
      includeDeleted: true,
      forUpdate: true,
      visible: visibleFor(ctx),
    });
    if (!current?.deleted_at) throw notFound('Deleted contact');
    if (current.merged_into) {
      throw new AppError('CONFLICT', 'This contact was merged into another one and cannot be restored', {
        mergedInto: current.merged_into,
      });
    }
    await q.setContactDeleted(db, ctx.workspaceId, id, false);
    await insertAudit(db, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      entity: 'contact',
      entityId: id,
      action: 'restore',
    });
    const row = await q.selectContact(db, ctx.workspaceId, id, { includeDeleted: false, visible: visibleFor(ctx) });
    if (!row) throw notFound('Contact');
    return toContact(row);
  });
}
