import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { newId } from '../../lib/ids.ts';

/** The reader's visibility condition on a company or contact alias (see lib/visibility.ts). */
export type VisibleAt = (alias: string) => RawBuilder<SqlBool>;

// ---------------------------------------------------------------------------------------------
// Relation types

export type RelationTypeRow = {
  id: string;
  kind: string;
  key: string | null;
  from_label: string;
  to_label: string | null;
  is_symmetric: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
};

const typeColumns = sql`t.id, t.kind, t.key, t.from_label, t.to_label, t.is_symmetric, t.version, t.created_at,
  t.updated_at`;

export async function selectRelationTypes(db: Kysely<DB>, workspaceId: string, kind?: string) {
  const { rows } = await sql<RelationTypeRow>`
    select ${typeColumns} from relation_types t
    where t.workspace_id = ${workspaceId} ${kind ? sql`and t.kind = ${kind}` : sql``}
    order by t.kind, t.key is null, t.created_at, t.id`.execute(db);
  return rows;
}

export async function selectRelationType(db: Kysely<DB>, workspaceId: string, id: string, forUpdate = false) {
  const { rows } = await sql<RelationTypeRow>`
    select ${typeColumns} from relation_types t
    where t.workspace_id = ${workspaceId} and t.id = ${id}
    ${forUpdate ? sql`for update` : sql``}`.execute(db);
  return rows[0];
}

export async function selectTypeIdByKey(db: Kysely<DB>, workspaceId: string, key: string) {
  const { rows } = await sql<{ id: string }>`
    select id from relation_types where workspace_id = ${workspaceId} and key = ${key}`.execute(db);
  return rows[0]?.id;
}

export type NewRelationType = {
  kind: string;
  key: string | null;
  from_label: string;
  to_label: string | null;
  is_symmetric: boolean;
};

/** The built-in types, inserted once per workspace; a concurrent first use inserts nothing twice. */
export async function seedRelationTypes(db: Kysely<DB>, workspaceId: string, types: NewRelationType[]) {
  await db
    .insertInto('relation_types')
    .values(types.map((t) => ({ ...t, workspace_id: workspaceId, id: newId(), created_by: null })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export const insertRelationType = (
  db: Kysely<DB>,
  row: NewRelationType & { workspace_id: string; id: string; created_by: string },
) => db.insertInto('relation_types').values(row).execute();

export const updateRelationType = (
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  values: { from_label?: string; to_label?: string | null },
) =>
  db
    .updateTable('relation_types')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();

export const deleteRelationType = (db: Kysely<DB>, workspaceId: string, id: string) =>
  db.deleteFrom('relation_types').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();

/** Whether any relation (of any company or contact, trashed or not) still uses the type. */
export async function relationTypeInUse(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  const { rows } = await sql<{ used: boolean }>`
    select exists (select 1 from company_relations where workspace_id = ${workspaceId} and type_id = ${id})
      or exists (select 1 from contact_company_relations where workspace_id = ${workspaceId} and type_id = ${id})
      as used`.execute(db);
  return rows[0]?.used ?? false;
}

/** History of a relation type (settings, not a card): written with the entity `relation_type`. */
export async function insertRelationTypeAudit(
  db: Kysely<DB>,
  e: { workspaceId: string; actor: Actor; typeId: string; action: 'create' | 'update' | 'delete'; changes: Change[] },
) {
  const rows = e.changes.map((c) => ({
    workspace_id: e.workspaceId,
    id: newId(),
    entity: 'relation_type',
    entity_id: e.typeId,
    action: e.action,
    field: c.field,
    old_value: c.old === undefined ? null : JSON.stringify(c.old),
    new_value: c.new === undefined ? null : JSON.stringify(c.new),
    actor_id: e.actor.userId,
    actor_kind: e.actor.kind,
  }));
  if (rows.length > 0) await db.insertInto('audit_log').values(rows).execute();
}
type Change = { field: string; old: unknown; new: unknown };

// ---------------------------------------------------------------------------------------------
// Company ↔ company

/** The city of a company's visiting address, else its postal address, else any address with a city. */
const city = (alias: string) => sql<string | null>`(
  select a ->> 'city' from jsonb_array_elements(${sql.ref(`${alias}.addresses`)}) with ordinality as e (a, n)
  where coalesce(a ->> 'city', '') <> ''
  order by case a ->> 'kind' when 'visiting' then 0 when 'postal' then 1 else 2 end, n
  limit 1)`;

export type CompanyRelationRow = {
  id: string;
  type_id: string;
  type_key: string | null;
  from_label: string;
  to_label: string | null;
  is_symmetric: boolean;
  from_company_id: string;
  to_company_id: string;
  note: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  from_name: string;
  from_customer_number: string;
  from_city: string | null;
  from_visibility: string;
  to_name: string;
  to_customer_number: string;
  to_city: string | null;
  to_visibility: string;
};

const relationColumns = sql`r.id, r.type_id, t.key as type_key, t.from_label, t.to_label, t.is_symmetric,
  r.from_company_id, r.to_company_id, r.note, r.version, r.created_at, r.updated_at,
  cf.name as from_name, cf.customer_number as from_customer_number, ${city('cf')} as from_city,
  cf.visibility as from_visibility,
  cto.name as to_name, cto.customer_number as to_customer_number, ${city('cto')} as to_city,
  cto.visibility as to_visibility`;

/** A relation exists for the reader only while both companies are live and visible to them. */
const relationFrom = (visible: VisibleAt) => sql`company_relations r
  join relation_types t on t.workspace_id = r.workspace_id and t.id = r.type_id
  join companies cf on cf.workspace_id = r.workspace_id and cf.id = r.from_company_id
    and cf.deleted_at is null and ${visible('cf')}
  join companies cto on cto.workspace_id = r.workspace_id and cto.id = r.to_company_id
    and cto.deleted_at is null and ${visible('cto')}`;

/** Relations of a company in both directions, by the label seen from it, then the other company's name. */
export async function selectCompanyRelations(
  db: Kysely<DB>,
  workspaceId: string,
  companyId: string,
  opts: { visible: VisibleAt; limit: number },
) {
  const { rows } = await sql<CompanyRelationRow>`
    select ${relationColumns}
    from ${relationFrom(opts.visible)}
    where r.workspace_id = ${workspaceId} and (r.from_company_id = ${companyId} or r.to_company_id = ${companyId})
    order by coalesce(t.key = 'parent', false) desc,
      case when t.key = 'parent' and r.to_company_id = ${companyId} then 0 else 1 end,
      lower(case when r.from_company_id = ${companyId} then coalesce(t.to_label, t.from_label) else t.from_label end),
      lower(case when r.from_company_id = ${companyId} then cto.name else cf.name end), r.id
    limit ${opts.limit + 1}`.execute(db);
  return rows;
}

export async function selectCompanyRelation(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  opts: { visible: VisibleAt; forUpdate?: boolean },
) {
  const { rows } = await sql<CompanyRelationRow>`
    select ${relationColumns}
    from ${relationFrom(opts.visible)}
    where r.workspace_id = ${workspaceId} and r.id = ${id}
    ${opts.forUpdate ? sql`for update of r` : sql``}`.execute(db);
  return rows[0];
}

/** The relation of this type between the two companies, whichever way round (the unique index's rule). */
export async function selectSamePair(
  db: Kysely<DB>,
  workspaceId: string,
  p: { typeId: string; a: string; b: string; excludeId?: string },
) {
  const { rows } = await sql<{ id: string }>`
    select id from company_relations
    where workspace_id = ${workspaceId} and type_id = ${p.typeId}
      and least(from_company_id, to_company_id) = least(${p.a}::uuid, ${p.b}::uuid)
      and greatest(from_company_id, to_company_id) = greatest(${p.a}::uuid, ${p.b}::uuid)
      ${p.excludeId ? sql`and id <> ${p.excludeId}` : sql``}`.execute(db);
  return rows[0];
}

/** Serialises changes to parent/subsidiary links within a workspace until the transaction ends. */
export async function lockGroups(db: Kysely<DB>, workspaceId: string) {
  await sql`select pg_advisory_xact_lock(hashtext('rapport.company-group'), hashtext(${workspaceId}::text))`.execute(
    db,
  );
}

/**
 * Whether `childId` is `parentId` or one of its parent companies (all links, whoever may see them):
 * linking them as parent → child would close a cycle.
 */
export async function wouldCycle(
  db: Kysely<DB>,
  workspaceId: string,
  p: { parentTypeId: string; parentId: string; childId: string; excludeId?: string },
): Promise<boolean> {
  const { rows } = await sql<{ cycle: boolean }>`
    with recursive up (id, path) as (
      select ${p.parentId}::uuid, array[${p.parentId}::uuid]
      union all
      select r.from_company_id, up.path || r.from_company_id
      from up join company_relations r on r.workspace_id = ${workspaceId} and r.to_company_id = up.id
        and r.type_id = ${p.parentTypeId}
      where not r.from_company_id = any (up.path) ${p.excludeId ? sql`and r.id <> ${p.excludeId}` : sql``}
    )
    select exists (select 1 from up where id = ${p.childId}) as cycle`.execute(db);
  return rows[0]?.cycle ?? false;
}

/** The live parent companies of a company that the reader may see. */
export async function selectParents(
  db: Kysely<DB>,
  workspaceId: string,
  p: { parentTypeId: string; companyId: string; visible: VisibleAt; excludeId?: string },
) {
  const { rows } = await sql<{ id: string; name: string }>`
    select c.id, c.name from company_relations r
    join companies c on c.workspace_id = r.workspace_id and c.id = r.from_company_id
    where r.workspace_id = ${workspaceId} and r.to_company_id = ${p.companyId} and r.type_id = ${p.parentTypeId}
      and c.deleted_at is null and ${p.visible('c')}
      ${p.excludeId ? sql`and r.id <> ${p.excludeId}` : sql``}
    order by r.created_at, r.id`.execute(db);
  return rows;
}

export const insertCompanyRelation = (
  db: Kysely<DB>,
  row: {
    workspace_id: string;
    id: string;
    type_id: string;
    from_company_id: string;
    to_company_id: string;
    note: string | null;
    created_by: string;
  },
) => db.insertInto('company_relations').values(row).execute();

export const updateCompanyRelation = (
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  values: { type_id?: string; note?: string | null },
) =>
  db
    .updateTable('company_relations')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();

export const deleteCompanyRelation = (db: Kysely<DB>, workspaceId: string, id: string) =>
  db.deleteFrom('company_relations').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();

// ---------------------------------------------------------------------------------------------
// The group tree

/** The top of a company's group as the reader sees it: up through live, visible parents (the oldest link first). */
export async function selectGroupTop(
  db: Kysely<DB>,
  workspaceId: string,
  p: { parentTypeId: string; companyId: string; visible: VisibleAt; maxDepth: number },
) {
  const { rows } = await sql<{ id: string; depth: number; path: string[] }>`
    with recursive up (id, depth, path) as (
      select ${p.companyId}::uuid, 0, array[${p.companyId}::uuid]
      union all
      select parent.id, up.depth + 1, up.path || parent.id
      from up cross join lateral (
        select c.id from company_relations r
        join companies c on c.workspace_id = r.workspace_id and c.id = r.from_company_id
        where r.workspace_id = ${workspaceId} and r.to_company_id = up.id and r.type_id = ${p.parentTypeId}
          and c.deleted_at is null and ${p.visible('c')}
        order by r.created_at, r.id
        limit 1) parent
      where not parent.id = any (up.path) and up.depth < ${p.maxDepth}
    )
    select id, depth, path from up order by depth desc limit 1`.execute(db);
  return rows[0];
}

export type GroupNodeRow = {
  id: string;
  parent_id: string | null;
  depth: number;
  /** Order of choice when the group is larger than the tree: the way to the current company first. */
  pick: string;
  name: string;
  customer_number: string;
  city: string | null;
  contact_count: string;
};

/**
 * The group below `topId`, depth first with siblings by name: only live companies the reader may see,
 * so a hidden company is left out with everything below it. When the group is larger than `maxNodes`,
 * the way from the top to `currentId` and the companies below it come first, then the rest in order;
 * every company shown still has its parent shown.
 */
export async function selectGroupNodes(
  db: Kysely<DB>,
  workspaceId: string,
  p: {
    parentTypeId: string;
    topId: string;
    currentId: string;
    chain: string[];
    visible: VisibleAt;
    maxDepth: number;
    maxNodes: number;
  },
) {
  const { rows } = await sql<GroupNodeRow>`
    with recursive down (id, parent_id, depth, path, sort) as (
      select c.id, null::uuid, 0, array[c.id], array[lower(c.name) || chr(1) || c.id::text]
      from companies c where c.workspace_id = ${workspaceId} and c.id = ${p.topId}
      union all
      select c.id, down.id, down.depth + 1, down.path || c.id, down.sort || (lower(c.name) || chr(1) || c.id::text)
      from down
      join company_relations r on r.workspace_id = ${workspaceId} and r.from_company_id = down.id
        and r.type_id = ${p.parentTypeId}
      join companies c on c.workspace_id = r.workspace_id and c.id = r.to_company_id
      where c.deleted_at is null and ${p.visible('c')} and not c.id = any (down.path) and down.depth < ${p.maxDepth}
    ),
    nodes as (
      select id, parent_id, depth, sort, row_number() over (
          order by case when id = any (${p.chain}::uuid[]) then 0 when path @> array[${p.currentId}::uuid] then 1 else 2 end,
            sort) as pick
      from down
      order by pick
      limit ${p.maxNodes + 1})
    select n.id, n.parent_id, n.depth, n.pick, c.name, c.customer_number, ${city('c')} as city,
      (select count(*) from contacts k
        where k.workspace_id = c.workspace_id and k.company_id = c.id and k.deleted_at is null
          and ${p.visible('k')}) as contact_count
    from nodes n join companies c on c.workspace_id = ${workspaceId} and c.id = n.id
    order by n.sort`.execute(db);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Contact ↔ company

export type ContactRelationRow = {
  id: string;
  type_id: string;
  type_key: string | null;
  label: string;
  contact_id: string;
  first_name: string;
  last_name: string;
  title: string | null;
  contact_visibility: string;
  employer_id: string | null;
  employer_name: string | null;
  company_id: string;
  company_name: string;
  company_customer_number: string;
  company_city: string | null;
  company_visibility: string;
  note: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
};

const contactRelationColumns = sql`r.id, r.type_id, t.key as type_key,
  t.from_label as label, r.contact_id, k.first_name, k.last_name, k.title, k.visibility as contact_visibility,
  e.id as employer_id, e.name as employer_name,
  r.company_id, c.name as company_name, c.customer_number as company_customer_number,
  ${city('c')} as company_city, c.visibility as company_visibility,
  r.note, r.version, r.created_at, r.updated_at`;

const contactRelationFrom = (visible: VisibleAt) => sql`contact_company_relations r
  join relation_types t on t.workspace_id = r.workspace_id and t.id = r.type_id
  join contacts k on k.workspace_id = r.workspace_id and k.id = r.contact_id and k.deleted_at is null
    and ${visible('k')}
  join companies c on c.workspace_id = r.workspace_id and c.id = r.company_id and c.deleted_at is null
    and ${visible('c')}
  left join companies e on e.workspace_id = k.workspace_id and e.id = k.company_id and e.deleted_at is null
    and ${visible('e')}`;

export async function selectContactRelations(
  db: Kysely<DB>,
  workspaceId: string,
  opts: { contactId?: string | undefined; companyId?: string | undefined; visible: VisibleAt; limit: number },
) {
  const by = opts.contactId ? sql`r.contact_id = ${opts.contactId}` : sql`r.company_id = ${opts.companyId}`;
  const order = opts.contactId
    ? sql`lower(c.name), t.from_label, r.id`
    : sql`t.from_label, lower(k.last_name), lower(k.first_name), r.id`;
  const { rows } = await sql<ContactRelationRow>`
    select ${contactRelationColumns}
    from ${contactRelationFrom(opts.visible)}
    where r.workspace_id = ${workspaceId} and ${by}
    order by ${order}
    limit ${opts.limit + 1}`.execute(db);
  return rows;
}

export async function selectContactRelation(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  opts: { visible: VisibleAt; forUpdate?: boolean },
) {
  const { rows } = await sql<ContactRelationRow>`
    select ${contactRelationColumns}
    from ${contactRelationFrom(opts.visible)}
    where r.workspace_id = ${workspaceId} and r.id = ${id}
    ${opts.forUpdate ? sql`for update of r` : sql``}`.execute(db);
  return rows[0];
}

export async function selectSameContactRelation(
  db: Kysely<DB>,
  workspaceId: string,
  p: { typeId: string; contactId: string; companyId: string; excludeId?: string },
) {
  const { rows } = await sql<{ id: string }>`
    select id from contact_company_relations
    where workspace_id = ${workspaceId} and type_id = ${p.typeId} and contact_id = ${p.contactId}
      and company_id = ${p.companyId} ${p.excludeId ? sql`and id <> ${p.excludeId}` : sql``}`.execute(db);
  return rows[0];
}

export const insertContactRelation = (
  db: Kysely<DB>,
  row: {
    workspace_id: string;
    id: string;
    type_id: string;
    contact_id: string;
    company_id: string;
    note: string | null;
    created_by: string;
  },
) => db.insertInto('contact_company_relations').values(row).execute();

export const updateContactRelation = (
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  values: { type_id?: string; note?: string | null },
) =>
  db
    .updateTable('contact_company_relations')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();

export const deleteContactRelation = (db: Kysely<DB>, workspaceId: string, id: string) =>
  db.deleteFrom('contact_company_relations').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();

// ---------------------------------------------------------------------------------------------
// Merges

/**
 * A merged company's relations move to the company it was merged into. Dropped on the way: links
 * between the two (they would point at itself), links the survivor already has (same type and
 * company, either way round), parent links that would close a cycle through the merged pair, and the
 * merged company's parent link when the survivor has a parent already. People linked to it follow too,
 * except duplicates and links to what is now their own employer.
 */
export async function moveCompanyRelations(db: Kysely<DB>, workspaceId: string, fromId: string, toId: string) {
  await sql`delete from company_relations
    where workspace_id = ${workspaceId}
      and ((from_company_id = ${fromId} and to_company_id = ${toId})
        or (from_company_id = ${toId} and to_company_id = ${fromId}))`.execute(db);
  await sql`delete from company_relations r
    where r.workspace_id = ${workspaceId} and ${fromId} in (r.from_company_id, r.to_company_id)
      and exists (select 1 from company_relations s
        where s.workspace_id = r.workspace_id and s.type_id = r.type_id and ${toId} in (s.from_company_id, s.to_company_id)
          and case when s.from_company_id = ${toId} then s.to_company_id else s.from_company_id end
            = case when r.from_company_id = ${fromId} then r.to_company_id else r.from_company_id end)`.execute(db);
  const parentTypeId = await selectTypeIdByKey(db, workspaceId, 'parent');
  if (parentTypeId) {
    await lockGroups(db, workspaceId);
    await sql`with recursive down (id, path) as (
        select x, array[x] from unnest(array[${fromId}::uuid, ${toId}::uuid]) as x
        union all
        select r.to_company_id, down.path || r.to_company_id
        from down join company_relations r on r.workspace_id = ${workspaceId} and r.from_company_id = down.id
          and r.type_id = ${parentTypeId}
        where not r.to_company_id = any (down.path)
      )
      delete from company_relations r
      where r.workspace_id = ${workspaceId} and r.type_id = ${parentTypeId}
        and r.to_company_id in (${fromId}, ${toId}) and r.from_company_id in (select id from down)`.execute(db);
    await sql`delete from company_relations r
      where r.workspace_id = ${workspaceId} and r.type_id = ${parentTypeId} and r.to_company_id = ${fromId}
        and exists (select 1 from company_relations s
          where s.workspace_id = r.workspace_id and s.type_id = r.type_id and s.to_company_id = ${toId})`.execute(db);
  }
  await sql`update company_relations set from_company_id = ${toId}, version = version + 1, updated_at = now()
    where workspace_id = ${workspaceId} and from_company_id = ${fromId}`.execute(db);
  await sql`update company_relations set to_company_id = ${toId}, version = version + 1, updated_at = now()
    where workspace_id = ${workspaceId} and to_company_id = ${fromId}`.execute(db);

  await sql`delete from contact_company_relations r
    where r.workspace_id = ${workspaceId} and r.company_id = ${fromId}
      and (exists (select 1 from contact_company_relations s
          where s.workspace_id = r.workspace_id and s.company_id = ${toId} and s.contact_id = r.contact_id
            and s.type_id = r.type_id)
        or exists (select 1 from contacts k
          where k.workspace_id = r.workspace_id and k.id = r.contact_id and k.company_id = ${toId}))`.execute(db);
  await sql`update contact_company_relations set company_id = ${toId}, version = version + 1, updated_at = now()
    where workspace_id = ${workspaceId} and company_id = ${fromId}`.execute(db);
}

/** A merged contact's company links move to the contact it was merged into (duplicates and its employer dropped). */
export async function moveContactRelations(db: Kysely<DB>, workspaceId: string, fromId: string, toId: string) {
  await sql`delete from contact_company_relations r
    where r.workspace_id = ${workspaceId} and r.contact_id = ${fromId}
      and (exists (select 1 from contact_company_relations s
          where s.workspace_id = r.workspace_id and s.contact_id = ${toId} and s.company_id = r.company_id
            and s.type_id = r.type_id)
        or exists (select 1 from contacts k
          where k.workspace_id = r.workspace_id and k.id = ${toId} and k.company_id = r.company_id))`.execute(db);
  await sql`update contact_company_relations set contact_id = ${toId}, version = version + 1, updated_at = now()
    where workspace_id = ${workspaceId} and contact_id = ${fromId}`.execute(db);
}
