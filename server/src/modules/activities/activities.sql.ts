import type { activityFilterFields, activitySortFields } from '@rapport/contracts/activities.ts';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { newId } from '../../lib/ids.ts';
import type { FieldDef, Ordering, SortDef } from '../../lib/list.ts';
import { orderBySql, sortKeySql } from '../../lib/list.ts';
import { visibleTo } from '../../lib/visibility.ts';
import { insertAudit } from '../audit/audit.sql.ts';

export type ParticipantJson = {
  id: string;
  userId: string | null;
  contactId: string | null;
  name: string;
  email: string | null;
  response: 'needs-action' | 'accepted' | 'declined' | 'tentative';
};

export type ActivityRow = {
  id: string;
  type_id: string;
  kind: string;
  title: string;
  description: string;
  location: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  all_day: boolean;
  time_zone: string;
  priority: string;
  done_at: Date | null;
  done_by: string | null;
  owner_id: string;
  owner_name: string | null;
  company_id: string | null;
  company_name: string | null;
  contact_id: string | null;
  contact_name: string | null;
  private: boolean;
  reminder_minutes: number | null;
  rrule: string | null;
  exdates: Date[];
  series_id: string | null;
  recurrence_id: Date | null;
  ical_uid: string;
  ical_sequence: number;
  version: number;
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
  deleted_at: Date | null;
  participants: ParticipantJson[];
  /** Contact participants the reader may not see: kept when the reader rewrites the list. */
  hidden_contact_ids: string[];
  resources: { id: string; name: string }[];
  overdue: boolean;
};

const NEVER = sql`'9999-12-31T00:00:00Z'::timestamptz`;

/** The caller's time zone (members.time_zone), for "today". */
const callerZone = (userId: string) => sql`coalesce((select mz.time_zone from members mz
  where mz.workspace_id = a.workspace_id and mz.user_id = ${userId}), 'UTC')`;
/** Midnight starting today, in the caller's time zone. */
const dayStart = (userId: string) =>
  sql`(date_trunc('day', now() at time zone ${callerZone(userId)}) at time zone ${callerZone(userId)})`;
/**
 * Not done and its time has passed: an all-day one once its day is over (in the caller's time zone), others once
 * they ended (a task: its due time). A repeating series is never overdue as a whole.
 */
export const overdueSql = (userId: string) => sql<SqlBool>`(a.done_at is null and a.rrule is null
  and a.starts_at is not null and case when a.all_day then a.starts_at < ${dayStart(userId)}
    else coalesce(a.ends_at, a.starts_at) < now() end)`;

/** The instants the task list's "due" buckets start and end at, in the caller's time zone. */
export type DueBounds = { now: Date; today: Date; tomorrow: Date; week: Date; nextWeek: Date };

/**
 * The task list's "due" buckets (weeks start on Monday). The dates are compared through the start sort's
 * expression, so the list index serves them as a range.
 */
export function dueSql(due: 'overdue' | 'today' | 'week' | 'later' | 'none', b: DueBounds): RawBuilder<SqlBool> {
  const start = sql`coalesce(a.starts_at, ${NEVER})`;
  switch (due) {
    case 'overdue':
      return sql<SqlBool>`(${start} < ${b.now} and a.done_at is null and a.rrule is null
        and case when a.all_day then a.starts_at < ${b.today} else coalesce(a.ends_at, a.starts_at) < ${b.now} end)`;
    case 'today':
      return sql<SqlBool>`(${start} >= ${b.today} and ${start} < ${b.tomorrow})`;
    case 'week':
      return sql<SqlBool>`(${start} >= ${b.week} and ${start} < ${b.nextWeek})`;
    case 'later':
      return sql<SqlBool>`(${start} >= ${b.nextWeek} and a.starts_at is not null)`;
    default:
      return sql<SqlBool>`a.starts_at is null`;
  }
}

/** Sort keys: activities without a date sort after every dated one (migration 0015 indexes these expressions). */
export const activitySorts: Record<(typeof activitySortFields)[number], SortDef> = {
  start: { sql: sql`coalesce(a.starts_at, ${NEVER})`, kind: 'timestamp' },
  title: { sql: sql`lower(a.title)`, kind: 'text' },
  priority: { sql: sql`(case a.priority when 'high' then 3 when 'normal' then 2 else 1 end)`, kind: 'number' },
  createdAt: { sql: sql`a.created_at`, kind: 'timestamp' },
  updatedAt: { sql: sql`a.updated_at`, kind: 'timestamp' },
  doneAt: { sql: sql`coalesce(a.done_at, ${NEVER})`, kind: 'timestamp' },
};

export const activityFilters: Record<(typeof activityFilterFields)[number], FieldDef> = {
  kind: { sql: sql`a.kind`, kind: 'enum', values: ['task', 'call', 'meeting'] },
  typeId: { sql: sql`a.type_id`, kind: 'uuid' },
  ownerId: { sql: sql`a.owner_id`, kind: 'uuid' },
  companyId: { sql: sql`a.company_id`, kind: 'uuid' },
  contactId: { sql: sql`a.contact_id`, kind: 'uuid' },
  priority: { sql: sql`a.priority`, kind: 'enum', values: ['low', 'normal', 'high'] },
  start: { sql: sql`a.starts_at`, kind: 'timestamp' },
  doneAt: { sql: sql`a.done_at`, kind: 'timestamp' },
  title: { sql: sql`a.title`, kind: 'text' },
  createdAt: { sql: sql`a.created_at`, kind: 'timestamp' },
};

/**
 * The columns of one activity as the reader sees it. Contacts taking part that the reader may not see are
 * left out of `participants` (and named in `hidden_contact_ids`, so a rewrite of the list keeps them).
 */
const columns = (actor: Pick<Actor, 'userId' | 'role'>) => sql`a.id, a.type_id, a.kind, a.title, a.description,
  a.location, a.starts_at, a.ends_at, a.all_day, a.time_zone, a.priority, a.done_at, a.done_by, a.owner_id,
  ou.name as owner_name, a.company_id, co.name as company_name, a.contact_id,
  trim(ct.first_name || ' ' || ct.last_name) as contact_name, a.private, a.reminder_minutes, a.rrule, a.exdates,
  a.series_id, a.recurrence_id, a.ical_uid, a.ical_sequence, a.version, a.created_at, a.updated_at, a.created_by,
  a.deleted_at,
  coalesce((select json_agg(json_build_object('id', p.id, 'userId', p.user_id, 'contactId', p.contact_id,
      'name', coalesce(pu.name, trim(pc.first_name || ' ' || pc.last_name)), 'email', coalesce(pu.email, pc.email),
      'response', p.response) order by p.user_id is null, coalesce(pu.name, pc.last_name, ''), p.id)
    from activity_participants p
    left join users pu on pu.id = p.user_id
    left join contacts pc on pc.workspace_id = p.workspace_id and pc.id = p.contact_id
    where p.workspace_id = a.workspace_id and p.activity_id = a.id
      and (p.contact_id is null or (pc.deleted_at is null and ${visibleTo('pc', actor)}))), '[]'::json) as participants,
  array(select p.contact_id from activity_participants p
    join contacts pc on pc.workspace_id = p.workspace_id and pc.id = p.contact_id
    where p.workspace_id = a.workspace_id and p.activity_id = a.id
      and not (pc.deleted_at is null and ${visibleTo('pc', actor)})) as hidden_contact_ids,
  coalesce((select json_agg(json_build_object('id', r.id, 'name', r.name) order by lower(r.name), r.id)
    from activity_resources ar join resources r on r.workspace_id = ar.workspace_id and r.id = ar.resource_id
    where ar.workspace_id = a.workspace_id and ar.activity_id = a.id), '[]'::json) as resources,
  coalesce(${overdueSql(actor.userId)}, false) as overdue`;

const joins = sql`activities a
  left join users ou on ou.id = a.owner_id
  left join companies co on co.workspace_id = a.workspace_id and co.id = a.company_id
  left join contacts ct on ct.workspace_id = a.workspace_id and ct.id = a.contact_id`;

export async function selectActivity(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  opts: {
    actor: Pick<Actor, 'userId' | 'role'>;
    visible: RawBuilder<SqlBool>;
    includeDeleted?: boolean;
    onlyDeleted?: boolean;
    forUpdate?: boolean;
  },
): Promise<ActivityRow | undefined> {
  const { rows } = await sql<ActivityRow>`
    select ${columns(opts.actor)} from ${joins}
    where a.workspace_id = ${workspaceId} and a.id = ${id} and ${opts.visible}
      ${opts.onlyDeleted ? sql`and a.deleted_at is not null` : opts.includeDeleted ? sql`` : sql`and a.deleted_at is null`}
      ${opts.forUpdate ? sql`for update of a` : sql``}`.execute(db);
  return rows[0];
}

export async function selectActivityPage(
  db: Kysely<DB>,
  workspaceId: string,
  opts: {
    actor: Pick<Actor, 'userId' | 'role'>;
    deleted: boolean;
    conditions: RawBuilder<SqlBool>[];
    order: Ordering;
    limit: number;
  },
): Promise<(ActivityRow & { sort_key: string })[]> {
  const where = [
    sql<SqlBool>`a.workspace_id = ${workspaceId}`,
    opts.deleted ? sql<SqlBool>`a.deleted_at is not null` : sql<SqlBool>`a.deleted_at is null`,
    ...opts.conditions,
  ];
  const { rows } = await sql<ActivityRow & { sort_key: string }>`
    select ${columns(opts.actor)}, ${sortKeySql(opts.order)} as sort_key
    from ${joins}
    where ${sql.join(where, sql` and `)}
    order by ${orderBySql(opts.order, sql`a.id`)}
    limit ${opts.limit + 1}`.execute(db);
  return rows;
}

/** Activities of a series changed one by one (not deleted), to move or drop with the series. */
export const selectExceptions = (db: Kysely<DB>, workspaceId: string, seriesId: string) =>
  db
    .selectFrom('activities')
    .select(['id', 'recurrence_id', 'deleted_at'])
    .where('workspace_id', '=', workspaceId)
    .where('series_id', '=', seriesId)
    .where('deleted_at', 'is', null)
    .execute();

export const selectException = async (db: Kysely<DB>, workspaceId: string, seriesId: string, recurrenceId: Date) =>
  db
    .selectFrom('activities')
    .select(['id', 'version'])
    .where('workspace_id', '=', workspaceId)
    .where('series_id', '=', seriesId)
    .where('recurrence_id', '=', recurrenceId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

/** The columns a write sets: those of ActivityRow that are stored on the activity itself. */
export type ActivityValues = Pick<
  ActivityRow,
  | 'type_id'
  | 'kind'
  | 'title'
  | 'description'
  | 'location'
  | 'starts_at'
  | 'ends_at'
  | 'all_day'
  | 'time_zone'
  | 'priority'
  | 'done_at'
  | 'done_by'
  | 'owner_id'
  | 'company_id'
  | 'contact_id'
  | 'private'
  | 'reminder_minutes'
  | 'rrule'
  | 'exdates'
  | 'series_id'
  | 'recurrence_id'
>;

export const insertActivity = (
  db: Kysely<DB>,
  row: ActivityValues & { workspace_id: string; id: string; ical_uid: string; created_by: string },
) => db.insertInto('activities').values(row).execute();

export const updateActivity = (
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  values: Partial<ActivityValues>,
  bumpSequence: boolean,
) =>
  db
    .updateTable('activities')
    .set({
      ...values,
      version: sql`version + 1`,
      updated_at: sql`now()`,
      ...(bumpSequence ? { ical_sequence: sql`ical_sequence + 1` } : {}),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();

/** Soft delete (or restore) an activity and, for a series, the occurrences changed one by one with it. */
export async function setActivityDeleted(db: Kysely<DB>, workspaceId: string, id: string, deleted: boolean) {
  if (deleted) {
    await sql`update activities set deleted_at = now(), version = version + 1, updated_at = now()
      where workspace_id = ${workspaceId} and deleted_at is null and (id = ${id} or series_id = ${id})`.execute(db);
    return;
  }
  // Restoring brings back the changed occurrences that went to the trash together with the series.
  await sql`update activities e set deleted_at = null, version = e.version + 1, updated_at = now()
    from activities s
    where s.workspace_id = ${workspaceId} and s.id = ${id} and e.workspace_id = s.workspace_id
      and (e.id = s.id or (e.series_id = s.id and e.deleted_at = s.deleted_at))`.execute(db);
}

export async function replaceParticipants(
  db: Kysely<DB>,
  workspaceId: string,
  activityId: string,
  next: { userIds: string[]; contactIds: string[] },
) {
  await db
    .deleteFrom('activity_participants')
    .where('workspace_id', '=', workspaceId)
    .where('activity_id', '=', activityId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('user_id', 'is not', null),
          ...(next.userIds.length ? [eb('user_id', 'not in', next.userIds)] : []),
        ]),
        eb.and([
          eb('contact_id', 'is not', null),
          ...(next.contactIds.length ? [eb('contact_id', 'not in', next.contactIds)] : []),
        ]),
      ]),
    )
    .execute();
  const rows = [
    ...next.userIds.map((u) => ({
      workspace_id: workspaceId,
      id: newId(),
      activity_id: activityId,
      user_id: u,
      contact_id: null,
    })),
    ...next.contactIds.map((c) => ({
      workspace_id: workspaceId,
      id: newId(),
      activity_id: activityId,
      user_id: null,
      contact_id: c,
    })),
  ];
  if (rows.length === 0) return;
  // Those already taking part keep their row (and their answer).
  await sql`insert into activity_participants (workspace_id, id, activity_id, user_id, contact_id)
    select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as x(workspace_id uuid, id uuid, activity_id uuid, user_id uuid, contact_id uuid)
    on conflict do nothing`.execute(db);
}

export async function replaceResources(db: Kysely<DB>, workspaceId: string, activityId: string, ids: string[]) {
  await db
    .deleteFrom('activity_resources')
    .where('workspace_id', '=', workspaceId)
    .where('activity_id', '=', activityId)
    .$if(ids.length > 0, (qb) => qb.where('resource_id', 'not in', ids))
    .execute();
  if (ids.length === 0) return;
  await db
    .insertInto('activity_resources')
    .values(ids.map((r) => ({ workspace_id: workspaceId, activity_id: activityId, resource_id: r })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** History rows of an activity (entity `activity`), in the caller's transaction. */
export const insertActivityAudit = (
  db: Kysely<DB>,
  e: {
    workspaceId: string;
    actor: Actor;
    activityId: string;
    action: 'create' | 'update' | 'delete' | 'restore';
    changes?: { field: string; old: unknown; new: unknown }[];
  },
) =>
  insertAudit(db, {
    workspaceId: e.workspaceId,
    actor: e.actor,
    entity: 'activity',
    entityId: e.activityId,
    action: e.action,
    changes: e.changes,
  });

// Lookups for the rules -------------------------------------------------------------------------------

export const selectType = (db: Kysely<DB>, workspaceId: string, by: { id: string } | { kind: string }) =>
  db
    .selectFrom('activity_types')
    .select(['id', 'kind', 'default_minutes', 'archived_at'])
    .where('workspace_id', '=', workspaceId)
    .$if('id' in by, (qb) => qb.where('id', '=', (by as { id: string }).id))
    .$if('kind' in by, (qb) => qb.where('kind', '=', (by as { kind: string }).kind).where('builtin', '=', true))
    .executeTakeFirst();

export type Person = {
  user_id: string;
  name: string;
  email: string;
  role: string;
  time_zone: string;
  language: string;
  active: boolean;
};

/** Members of the workspace among the given users (deactivated ones too, marked). */
export const selectPeople = (db: Kysely<DB>, workspaceId: string, userIds: string[]): Promise<Person[]> =>
  userIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select([
          'm.user_id',
          'u.name',
          'u.email',
          'm.role',
          'm.time_zone',
          'm.language',
          sql<boolean>`m.deactivated_at is null`.as('active'),
        ])
        .where('m.workspace_id', '=', workspaceId)
        .where('m.user_id', 'in', userIds)
        .execute();

export type CardRow = {
  id: string;
  name: string;
  visibility: string;
  owner_id: string;
  company_id: string | null;
  email: string | null;
};

/** Companies or contacts by id (not in the trash), with what decides who may see them. */
export async function selectCards(
  db: Kysely<DB>,
  workspaceId: string,
  table: 'companies' | 'contacts',
  ids: string[],
): Promise<CardRow[]> {
  if (ids.length === 0) return [];
  const { rows } =
    table === 'companies'
      ? await sql<CardRow>`select c.id, c.name, c.visibility, c.owner_id, null::uuid as company_id, c.email
          from companies c where c.workspace_id = ${workspaceId} and c.id = any(${ids}::uuid[]) and c.deleted_at is null`.execute(
          db,
        )
      : await sql<CardRow>`select c.id, trim(c.first_name || ' ' || c.last_name) as name, c.visibility, c.owner_id,
            c.company_id, c.email
          from contacts c where c.workspace_id = ${workspaceId} and c.id = any(${ids}::uuid[]) and c.deleted_at is null`.execute(
          db,
        );
  return rows;
}

export const selectResources = (db: Kysely<DB>, workspaceId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('resources')
        .select(['id', 'name', 'archived_at'])
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', ids)
        .execute();

export const selectTimeZone = async (db: Kysely<DB>, workspaceId: string, userId: string) =>
  (
    await db
      .selectFrom('members')
      .select('time_zone')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
  )?.time_zone;

export const selectWorkspaceName = async (db: Kysely<DB>, workspaceId: string) =>
  (await db.selectFrom('workspaces').select('name').where('id', '=', workspaceId).executeTakeFirst())?.name ?? '';
