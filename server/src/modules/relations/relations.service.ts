import {
  BUILT_IN_RELATION_TYPES,
  type BuiltInRelationKey,
  type CompanyGroup,
  type CompanyRelation,
  type CompanyRelationCreateSchema,
  type CompanyRelationPatchSchema,
  type ContactRelation,
  type ContactRelationCreateSchema,
  type ContactRelationPatchSchema,
  type RelationKind,
  type RelationType,
  type RelationTypeCreateSchema,
  type RelationTypePatchSchema,
} from '@rapport/contracts/relations.ts';
import type { z } from 'zod';
import type { Ctx } from '../../http/context.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import { newId } from '../../lib/ids.ts';
import { visibleTo } from '../../lib/visibility.ts';
import { insertAudit } from '../audit/audit.sql.ts';
import { getCompany } from '../companies/companies.service.ts';
import { getContact } from '../contacts/contacts.service.ts';
import * as q from './relations.sql.ts';

/** How far the group tree reaches: levels up and down from a company, and companies shown. */
export const GROUP_MAX_DEPTH = 30;
export const GROUP_MAX_NODES = 500;

type Db = Ctx['db'];
const visibleAt =
  (ctx: Ctx): q.VisibleAt =>
  (alias) =>
    visibleTo(alias, ctx.actor);
const pgError = (err: unknown) => err as { code?: string; constraint?: string };

// ---------------------------------------------------------------------------------------------
// Relation types

const toType = (r: q.RelationTypeRow): RelationType => ({
  id: r.id,
  kind: r.kind as RelationKind,
  key: r.key as BuiltInRelationKey | null,
  symmetric: r.is_symmetric,
  fromLabel: r.from_label,
  toLabel: r.to_label,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** Every workspace gets the built-in types the first time relation types are asked for. */
async function ensureBuiltInTypes(db: Db, workspaceId: string) {
  if (await q.selectTypeIdByKey(db, workspaceId, 'parent')) return;
  await q.seedRelationTypes(
    db,
    workspaceId,
    BUILT_IN_RELATION_TYPES.map((t) => ({
      kind: t.kind,
      key: t.key,
      from_label: t.fromLabel,
      to_label: t.toLabel,
      is_symmetric: t.symmetric,
    })),
  );
}

export async function listRelationTypes(ctx: Ctx, kind?: RelationKind) {
  await ensureBuiltInTypes(ctx.db, ctx.workspaceId);
  const rows = await q.selectRelationTypes(ctx.db, ctx.workspaceId, kind);
  return { items: rows.map(toType) };
}

const sameLabels = () => new AppError('CONFLICT', 'There is already a relation type with this wording');

export async function createRelationType(ctx: Ctx, input: z.output<typeof RelationTypeCreateSchema>) {
  await ensureBuiltInTypes(ctx.db, ctx.workspaceId);
  const id = newId();
  const symmetric = input.kind === 'company' && input.symmetric;
  const toLabel = input.kind === 'company' && !symmetric ? (input.toLabel ?? null) : null;
  try {
    return await ctx.db.transaction().execute(async (db) => {
      await q.insertRelationType(db, {
        workspace_id: ctx.workspaceId,
        id,
        kind: input.kind,
        key: null,
        from_label: input.fromLabel,
        to_label: toLabel,
        is_symmetric: symmetric,
        created_by: ctx.actor.userId,
      });
      await q.insertRelationTypeAudit(db, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        typeId: id,
        action: 'create',
        changes: [{ field: 'type', old: null, new: typeText(input.fromLabel, toLabel) }],
      });
      const row = await q.selectRelationType(db, ctx.workspaceId, id);
      if (!row) throw new AppError('INTERNAL', 'The new relation type could not be read back');
      return toType(row);
    });
  } catch (err) {
    if (pgError(err).code === '23505') throw sameLabels();
    throw err;
  }
}

const typeText = (fromLabel: string, toLabel: string | null) => (toLabel ? `${fromLabel} / ${toLabel}` : fromLabel);

export async function updateRelationType(ctx: Ctx, id: string, patch: z.output<typeof RelationTypePatchSchema>) {
  try {
    return await ctx.db.transaction().execute(async (db) => {
      const row = await q.selectRelationType(db, ctx.workspaceId, id, true);
      if (!row) throw notFound('Relation type');
      if (row.version !== patch.version) {
        throw new AppError('CONFLICT', 'Someone else changed this relation type; reload and try again', {
          current: toType(row),
        });
      }
      if (patch.toLabel !== undefined && row.to_label === null) {
        throw invalid('toLabel', 'Only one-way company types have a second label');
      }
      const next = { from_label: patch.fromLabel ?? row.from_label, to_label: patch.toLabel ?? row.to_label };
      if (next.from_label === row.from_label && next.to_label === row.to_label) return toType(row);
      await q.updateRelationType(db, ctx.workspaceId, id, next);
      await q.insertRelationTypeAudit(db, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        typeId: id,
        action: 'update',
        changes: [
          { field: 'type', old: typeText(row.from_label, row.to_label), new: typeText(next.from_label, next.to_label) },
        ],
      });
      const updated = await q.selectRelationType(db, ctx.workspaceId, id);
      if (!updated) throw notFound('Relation type');
      return toType(updated);
    });
  } catch (err) {
    if (pgError(err).code === '23505') throw sameLabels();
    throw err;
  }
}

/** Only unused types can go; the parent/subsidiary type never (the group tree is built on it). */
export async function deleteRelationType(ctx: Ctx, id: string) {
  await ctx.db.transaction().execute(async (db) => {
    const row = await q.selectRelationType(db, ctx.workspaceId, id, true);
    if (!row) throw notFound('Relation type');
    if (row.key === 'parent') {
      throw new AppError(
        'CONFLICT',
        'The parent company / subsidiary type builds the group tree and cannot be deleted; you can rename it',
      );
    }
    if (await q.relationTypeInUse(db, ctx.workspaceId, id)) {
      throw new AppError(
        'CONFLICT',
        `"${row.from_label}" is still used by relations; change or remove them first, or rename the type instead`,
      );
    }
    await q.deleteRelationType(db, ctx.workspaceId, id);
    await q.insertRelationTypeAudit(db, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      typeId: id,
      action: 'delete',
      changes: [{ field: 'type', old: typeText(row.from_label, row.to_label), new: null }],
    });
  });
}

async function typeOf(db: Db, ctx: Ctx, typeId: string, kind: RelationKind) {
  const type = await q.selectRelationType(db, ctx.workspaceId, typeId);
  if (!type) throw invalid('typeId', 'No such relation type');
  if (type.kind !== kind) {
    throw invalid(
      'typeId',
      kind === 'company'
        ? 'This type links a person to a company; choose a type for two companies'
        : 'This type links two companies; choose a type for a person',
    );
  }
  return type;
}

// ---------------------------------------------------------------------------------------------
// Company ↔ company

/** A relation seen from one of its companies: the label is the role the other company plays. */
function toCompanyRelation(r: q.CompanyRelationRow, viewpointId: string): CompanyRelation {
  const fromHere = r.from_company_id === viewpointId;
  const side = fromHere && !r.is_symmetric ? 'to' : 'from';
  const other = fromHere
    ? { id: r.to_company_id, name: r.to_name, customerNumber: Number(r.to_customer_number), city: r.to_city }
    : { id: r.from_company_id, name: r.from_name, customerNumber: Number(r.from_customer_number), city: r.from_city };
  return {
    id: r.id,
    typeId: r.type_id,
    typeKey: r.type_key as BuiltInRelationKey | null,
    fromCompanyId: r.from_company_id,
    toCompanyId: r.to_company_id,
    side,
    label: side === 'to' ? (r.to_label ?? r.from_label) : r.from_label,
    company: other,
    note: r.note,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/**
 * The text of a relation in a card's history. The other company's name (and the note) are written only
 * when everyone may see that company: whoever reads this card's history must not learn of a hidden one.
 */
function relationText(
  label: string,
  other: { name: string; visibility: string; kind?: 'company' | 'person' },
  note: string | null,
) {
  if (other.visibility !== 'everyone') {
    return `${label}: (${other.kind === 'person' ? 'a person' : 'a company'} only its owner can see)`;
  }
  return note ? `${label}: ${other.name} (${note})` : `${label}: ${other.name}`;
}

/** One audit row on each card of the relation, each describing the other end. */
async function auditCompanyRelation(
  ctx: Ctx,
  db: Db,
  before: q.CompanyRelationRow | null,
  after: q.CompanyRelationRow | null,
) {
  const any = (after ?? before) as q.CompanyRelationRow;
  for (const companyId of [any.from_company_id, any.to_company_id]) {
    const text = (r: q.CompanyRelationRow | null) => {
      if (!r) return null;
      const seen = toCompanyRelation(r, companyId);
      const fromHere = r.from_company_id === companyId;
      return relationText(
        seen.label,
        { name: seen.company.name, visibility: fromHere ? r.to_visibility : r.from_visibility },
        r.note,
      );
    };
    await insertAudit(db, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      entity: 'company',
      entityId: companyId,
      action: 'update',
      changes: [{ field: 'relation', old: text(before), new: text(after) }],
    });
  }
}

export async function listCompanyRelations(ctx: Ctx, companyId: string, limit: number) {
  await getCompany(ctx, companyId);
  const rows = await q.selectCompanyRelations(ctx.db, ctx.workspaceId, companyId, { visible: visibleAt(ctx), limit });
  return {
    items: rows.slice(0, limit).map((r) => toCompanyRelation(r, companyId)),
    hasMore: rows.length > limit,
  };
}

/** Parent/subsidiary rules: no cycle, at most one (visible) parent company. Call with the group lock held. */
async function checkGroupLink(
  ctx: Ctx,
  db: Db,
  link: { parentTypeId: string; parent: { id: string; name: string }; child: { id: string; name: string } },
  excludeId?: string,
) {
  const cycle = await q.wouldCycle(db, ctx.workspaceId, {
    parentTypeId: link.parentTypeId,
    parentId: link.parent.id,
    childId: link.child.id,
    ...(excludeId ? { excludeId } : {}),
  });
  if (cycle) throw cycleError(link.parent.name, link.child.name);
  const parents = await q.selectParents(db, ctx.workspaceId, {
    parentTypeId: link.parentTypeId,
    companyId: link.child.id,
    visible: visibleAt(ctx),
    ...(excludeId ? { excludeId } : {}),
  });
  const current = parents[0];
  if (current) {
    throw invalid(
      'fromCompanyId',
      `${link.child.name} already has a parent company, ${current.name}; remove that relation first`,
    );
  }
}

const cycleError = (parentName: string, childName: string) =>
  invalid(
    'toCompanyId',
    `${childName} is already above ${parentName} in the group, so it cannot also be its subsidiary (a company cannot be its own parent)`,
  );

/** Maps a database refusal that the checks above should have caught (a race) to the same clear errors. */
function refused(err: unknown, names: { parent: string; child: string }, label: string): never {
  const e = pgError(err);
  if (e.code === '23514' && e.constraint === 'company_relations_no_cycle') throw cycleError(names.parent, names.child);
  if (e.code === '23505') {
    throw new AppError('CONFLICT', `${names.parent} and ${names.child} are already related as ${label}`);
  }
  throw err;
}

export async function createCompanyRelation(ctx: Ctx, input: z.output<typeof CompanyRelationCreateSchema>) {
  if (input.fromCompanyId === input.toCompanyId) {
    throw invalid('toCompanyId', 'A company cannot be related to itself');
  }
  const from = await getCompany(ctx, input.fromCompanyId);
  const to = await getCompany(ctx, input.toCompanyId);
  let label = '';
  try {
    return await ctx.db.transaction().execute(async (db) => {
      const type = await typeOf(db, ctx, input.typeId, 'company');
      label = type.from_label;
      if (type.key === 'parent') {
        await q.lockGroups(db, ctx.workspaceId);
        await checkGroupLink(ctx, db, { parentTypeId: type.id, parent: from, child: to });
      }
      if (await q.selectSamePair(db, ctx.workspaceId, { typeId: type.id, a: from.id, b: to.id })) {
        throw new AppError('CONFLICT', `${from.name} and ${to.name} are already related as ${type.from_label}`);
      }
      const id = newId();
      await q.insertCompanyRelation(db, {
        workspace_id: ctx.workspaceId,
        id,
        type_id: type.id,
        from_company_id: from.id,
        to_company_id: to.id,
        note: input.note,
        created_by: ctx.actor.userId,
      });
      const row = await q.selectCompanyRelation(db, ctx.workspaceId, id, { visible: visibleAt(ctx) });
      if (!row) throw new AppError('INTERNAL', 'The new relation could not be read back');
      await auditCompanyRelation(ctx, db, null, row);
      return toCompanyRelation(row, from.id);
    });
  } catch (err) {
    refused(err, { parent: from.name, child: to.name }, label);
  }
}

export async function updateCompanyRelation(ctx: Ctx, id: string, patch: z.output<typeof CompanyRelationPatchSchema>) {
  let names = { parent: '', child: '' };
  let label = '';
  try {
    return await ctx.db.transaction().execute(async (db) => {
      const visible = visibleAt(ctx);
      const row = await q.selectCompanyRelation(db, ctx.workspaceId, id, { visible, forUpdate: true });
      if (!row) throw notFound('Relation');
      names = { parent: row.from_name, child: row.to_name };
      if (row.version !== patch.version) {
        throw new AppError('CONFLICT', 'Someone else changed this relation; reload and try again', {
          current: toCompanyRelation(row, row.from_company_id),
        });
      }
      const values: { type_id?: string; note?: string | null } = {};
      if (patch.typeId !== undefined && patch.typeId !== row.type_id) {
        const type = await typeOf(db, ctx, patch.typeId, 'company');
        label = type.from_label;
        if (type.key === 'parent') {
          await q.lockGroups(db, ctx.workspaceId);
          await checkGroupLink(
            ctx,
            db,
            {
              parentTypeId: type.id,
              parent: { id: row.from_company_id, name: row.from_name },
              child: { id: row.to_company_id, name: row.to_name },
            },
            id,
          );
        }
        const same = await q.selectSamePair(db, ctx.workspaceId, {
          typeId: type.id,
          a: row.from_company_id,
          b: row.to_company_id,
          excludeId: id,
        });
        if (same) {
          throw new AppError(
            'CONFLICT',
            `${row.from_name} and ${row.to_name} are already related as ${type.from_label}`,
          );
        }
        values.type_id = type.id;
      }
      if (patch.note !== undefined) {
        const note = patch.note === '' ? null : patch.note;
        if (note !== row.note) values.note = note;
      }
      if (Object.keys(values).length === 0) return toCompanyRelation(row, row.from_company_id);
      await q.updateCompanyRelation(db, ctx.workspaceId, id, values);
      const updated = await q.selectCompanyRelation(db, ctx.workspaceId, id, { visible });
      if (!updated) throw notFound('Relation');
      await auditCompanyRelation(ctx, db, row, updated);
      return toCompanyRelation(updated, updated.from_company_id);
    });
  } catch (err) {
    refused(err, names, label);
  }
}

export async function deleteCompanyRelation(ctx: Ctx, id: string) {
  await ctx.db.transaction().execute(async (db) => {
    const row = await q.selectCompanyRelation(db, ctx.workspaceId, id, { visible: visibleAt(ctx), forUpdate: true });
    if (!row) throw notFound('Relation');
    await q.deleteCompanyRelation(db, ctx.workspaceId, id);
    await auditCompanyRelation(ctx, db, row, null);
  });
}

// ---------------------------------------------------------------------------------------------
// The group tree

/**
 * The group of a company as the reader sees it: up to the top parent, then every subsidiary below it.
 * A company the reader may not see is left out together with everything below it — a placeholder would
 * still tell them that it exists, how many there are and where, which "only the owner" is meant to hide.
 */
export async function getCompanyGroup(ctx: Ctx, companyId: string): Promise<CompanyGroup> {
  await getCompany(ctx, companyId);
  const visible = visibleAt(ctx);
  const parentTypeId = await q.selectTypeIdByKey(ctx.db, ctx.workspaceId, 'parent');
  const top = parentTypeId
    ? await q.selectGroupTop(ctx.db, ctx.workspaceId, { parentTypeId, companyId, visible, maxDepth: GROUP_MAX_DEPTH })
    : undefined;
  const topId = top?.id ?? companyId;
  const rows = await q.selectGroupNodes(ctx.db, ctx.workspaceId, {
    // Without the type nothing links companies: the tree is the company alone.
    parentTypeId: parentTypeId ?? '00000000-0000-0000-0000-000000000000',
    topId,
    currentId: companyId,
    chain: top?.path ?? [companyId],
    visible,
    maxDepth: GROUP_MAX_DEPTH,
    maxNodes: GROUP_MAX_NODES,
  });
  const seen = new Set<string>();
  const nodes: CompanyGroup['nodes'] = [];
  // One row more than shown tells that the group is larger; it is the last one chosen.
  const shown = rows.filter((r) => Number(r.pick) <= GROUP_MAX_NODES);
  for (const r of shown) {
    // A company with two parents in the group is shown once, under the first.
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    nodes.push({
      id: r.id,
      parentId: r.parent_id,
      depth: r.depth,
      name: r.name,
      customerNumber: Number(r.customer_number),
      city: r.city,
      contactCount: Number(r.contact_count),
      current: r.id === companyId,
    });
  }
  const truncated =
    rows.length > GROUP_MAX_NODES ||
    (top?.depth ?? 0) >= GROUP_MAX_DEPTH ||
    nodes.some((n) => n.depth >= GROUP_MAX_DEPTH);
  return { companyId, topId, nodes, truncated };
}

// ---------------------------------------------------------------------------------------------
// Contact ↔ company

const personName = (r: { first_name: string; last_name: string }) => `${r.first_name} ${r.last_name}`.trim();

const toContactRelation = (r: q.ContactRelationRow): ContactRelation => ({
  id: r.id,
  typeId: r.type_id,
  typeKey: r.type_key as BuiltInRelationKey | null,
  label: r.label,
  contact: {
    id: r.contact_id,
    firstName: r.first_name,
    lastName: r.last_name,
    title: r.title,
    companyName: r.employer_name,
  },
  company: {
    id: r.company_id,
    name: r.company_name,
    customerNumber: Number(r.company_customer_number),
    city: r.company_city,
  },
  note: r.note,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** One audit row on the contact's card and one on the company's, each naming the other end if everyone may see it. */
async function auditContactRelation(
  ctx: Ctx,
  db: Db,
  before: q.ContactRelationRow | null,
  after: q.ContactRelationRow | null,
) {
  const any = (after ?? before) as q.ContactRelationRow;
  const onContact = (r: q.ContactRelationRow | null) =>
    r && relationText(r.label, { name: r.company_name, visibility: r.company_visibility }, r.note);
  const onCompany = (r: q.ContactRelationRow | null) =>
    r && relationText(r.label, { name: personName(r), visibility: r.contact_visibility, kind: 'person' }, r.note);
  await insertAudit(db, {
    workspaceId: ctx.workspaceId,
    actor: ctx.actor,
    entity: 'contact',
    entityId: any.contact_id,
    action: 'update',
    changes: [{ field: 'relation', old: onContact(before), new: onContact(after) }],
  });
  await insertAudit(db, {
    workspaceId: ctx.workspaceId,
    actor: ctx.actor,
    entity: 'company',
    entityId: any.company_id,
    action: 'update',
    changes: [{ field: 'personRelation', old: onCompany(before), new: onCompany(after) }],
  });
}

export async function listContactRelations(
  ctx: Ctx,
  query: { contactId?: string | undefined; companyId?: string | undefined; limit: number },
) {
  if (query.contactId) await getContact(ctx, query.contactId);
  else if (query.companyId) await getCompany(ctx, query.companyId);
  const rows = await q.selectContactRelations(ctx.db, ctx.workspaceId, { ...query, visible: visibleAt(ctx) });
  return { items: rows.slice(0, query.limit).map(toContactRelation), hasMore: rows.length > query.limit };
}

export async function createContactRelation(ctx: Ctx, input: z.output<typeof ContactRelationCreateSchema>) {
  const contact = await getContact(ctx, input.contactId);
  const company = await getCompany(ctx, input.companyId);
  const name = `${contact.firstName} ${contact.lastName}`.trim();
  if (contact.companyId === company.id) {
    throw invalid(
      'companyId',
      `${name} already works at ${company.name}; relations are for companies other than the employer`,
    );
  }
  try {
    return await ctx.db.transaction().execute(async (db) => {
      const type = await typeOf(db, ctx, input.typeId, 'contact');
      const same = await q.selectSameContactRelation(db, ctx.workspaceId, {
        typeId: type.id,
        contactId: contact.id,
        companyId: company.id,
      });
      if (same) throw new AppError('CONFLICT', `${name} is already ${type.from_label} at ${company.name}`);
      const id = newId();
      await q.insertContactRelation(db, {
        workspace_id: ctx.workspaceId,
        id,
        type_id: type.id,
        contact_id: contact.id,
        company_id: company.id,
        note: input.note,
        created_by: ctx.actor.userId,
      });
      const row = await q.selectContactRelation(db, ctx.workspaceId, id, { visible: visibleAt(ctx) });
      if (!row) throw new AppError('INTERNAL', 'The new relation could not be read back');
      await auditContactRelation(ctx, db, null, row);
      return toContactRelation(row);
    });
  } catch (err) {
    if (pgError(err).code === '23505') {
      throw new AppError('CONFLICT', `${name} already has this relation to ${company.name}`);
    }
    throw err;
  }
}

export async function updateContactRelation(ctx: Ctx, id: string, patch: z.output<typeof ContactRelationPatchSchema>) {
  try {
    return await ctx.db.transaction().execute(async (db) => {
      const visible = visibleAt(ctx);
      const row = await q.selectContactRelation(db, ctx.workspaceId, id, { visible, forUpdate: true });
      if (!row) throw notFound('Relation');
      if (row.version !== patch.version) {
        throw new AppError('CONFLICT', 'Someone else changed this relation; reload and try again', {
          current: toContactRelation(row),
        });
      }
      const values: { type_id?: string; note?: string | null } = {};
      if (patch.typeId !== undefined && patch.typeId !== row.type_id) {
        const type = await typeOf(db, ctx, patch.typeId, 'contact');
        const same = await q.selectSameContactRelation(db, ctx.workspaceId, {
          typeId: type.id,
          contactId: row.contact_id,
          companyId: row.company_id,
          excludeId: id,
        });
        if (same) {
          throw new AppError('CONFLICT', `${personName(row)} is already ${type.from_label} at ${row.company_name}`);
        }
        values.type_id = type.id;
      }
      if (patch.note !== undefined) {
        const note = patch.note === '' ? null : patch.note;
        if (note !== row.note) values.note = note;
      }
      if (Object.keys(values).length === 0) return toContactRelation(row);
      await q.updateContactRelation(db, ctx.workspaceId, id, values);
      const updated = await q.selectContactRelation(db, ctx.workspaceId, id, { visible });
      if (!updated) throw notFound('Relation');
      await auditContactRelation(ctx, db, row, updated);
      return toContactRelation(updated);
    });
  } catch (err) {
    if (pgError(err).code === '23505') throw new AppError('CONFLICT', 'The person already has this relation');
    throw err;
  }
}

export async function deleteContactRelation(ctx: Ctx, id: string) {
  await ctx.db.transaction().execute(async (db) => {
    const row = await q.selectContactRelation(db, ctx.workspaceId, id, { visible: visibleAt(ctx), forUpdate: true });
    if (!row) throw notFound('Relation');
    await q.deleteContactRelation(db, ctx.workspaceId, id);
    await auditContactRelation(ctx, db, row, null);
  });
}
