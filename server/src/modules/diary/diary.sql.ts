import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type DiaryRow = {
  id: string;
  type_id: string;
  kind: string;
  title: string;
  location: string | null;
  starts_at: Date;
  ends_at: Date | null;
  all_day: boolean;
  time_zone: string;
  priority: string;
  done_at: Date | null;
  private: boolean;
  rrule: string | null;
  exdates: Date[];
  series_id: string | null;
  recurrence_id: Date | null;
  owner_id: string;
  company_id: string | null;
  company_name: string | null;
  version: number;
  user_ids: string[];
  resource_ids: string[];
  /** For a series: the original starts of its occurrences changed one by one (their own rows replace them). */
  replaced: Date[];
};

/**
 * The activities of some colleagues (owner or taking part) and resources in [from, to), in one statement: the
 * dated ones starting in the range or the day before, those longer than a day still running into it, and every
 * repeating series, which the application expands. `visible` is the activity visibility rule on alias `a`, which
 * may read the activity's company as `co`.
 */
export async function selectDiaryRows(
  db: Kysely<DB>,
  workspaceId: string,
  opts: {
    userIds: string[];
    resourceIds: string[];
    from: Date;
    to: Date;
    includeTasks: boolean;
    visible: RawBuilder<SqlBool>;
  },
): Promise<DiaryRow[]> {
  const dayBefore = new Date(opts.from.getTime() - 86_400_000);
  const users = opts.userIds;
  const resources = opts.resourceIds;
  // Whether an activity row (alias) can have an occurrence in the range.
  const inRange = (o: string) => {
    const c = (col: string) => sql.ref(`${o}.${col}`);
    return sql`${c('deleted_at')} is null and ${c('starts_at')} < ${opts.to}
      and (${c('rrule')} is not null or coalesce(${c('ends_at')}, ${c('starts_at')}) >= ${dayBefore})`;
  };
  const sources = [
    ...(users.length > 0
      ? [
          sql`select o.id from activities o where o.workspace_id = ${workspaceId} and o.owner_id = any(${users}::uuid[])
              and o.deleted_at is null and o.starts_at >= ${dayBefore} and o.starts_at < ${opts.to}`,
          sql`select o.id from activities o where o.workspace_id = ${workspaceId} and o.owner_id = any(${users}::uuid[])
              and o.deleted_at is null and o.ends_at - o.starts_at > interval '24 hours' and o.ends_at > ${opts.from}
              and o.starts_at < ${opts.to}`,
          sql`select o.id from activities o where o.workspace_id = ${workspaceId} and o.owner_id = any(${users}::uuid[])
              and o.deleted_at is null and o.rrule is not null and o.starts_at < ${opts.to}`,
          sql`select p.activity_id as id from activity_participants p
              join activities o on o.workspace_id = p.workspace_id and o.id = p.activity_id
              where p.workspace_id = ${workspaceId} and p.user_id = any(${users}::uuid[]) and ${inRange('o')}`,
        ]
      : []),
    ...(resources.length > 0
      ? [
          sql`select ar.activity_id as id from activity_resources ar
              join activities o on o.workspace_id = ar.workspace_id and o.id = ar.activity_id
              where ar.workspace_id = ${workspaceId} and ar.resource_id = any(${resources}::uuid[]) and ${inRange('o')}`,
        ]
      : []),
  ];
  if (sources.length === 0) return [];
  const { rows } = await sql<DiaryRow>`
    with hits as (${sql.join(sources, sql` union `)})
    select a.id, a.type_id, a.kind, a.title, a.location, a.starts_at, a.ends_at, a.all_day, a.time_zone, a.priority,
      a.done_at, a.private, a.rrule, a.exdates, a.series_id, a.recurrence_id, a.owner_id, a.company_id,
      co.name as company_name, a.version,
      array[a.owner_id] || array(select p.user_id from activity_participants p
        where p.workspace_id = a.workspace_id and p.activity_id = a.id and p.user_id is not null
          and p.user_id <> a.owner_id order by p.user_id) as user_ids,
      array(select ar.resource_id from activity_resources ar
        where ar.workspace_id = a.workspace_id and ar.activity_id = a.id order by ar.resource_id) as resource_ids,
      case when a.rrule is null then '{}'::timestamptz[] else array(select e.recurrence_id from activities e
        where e.workspace_id = a.workspace_id and e.series_id = a.id and e.deleted_at is null) end as replaced
    from hits h
    join activities a on a.workspace_id = ${workspaceId} and a.id = h.id
    left join companies co on co.workspace_id = a.workspace_id and co.id = a.company_id
    where ${inRange('a')}
      ${opts.includeTasks ? sql`` : sql`and a.kind <> 'task'`}
      and ${opts.visible}`.execute(db);
  return rows;
}

export const selectMemberIds = async (db: Kysely<DB>, workspaceId: string, userIds: string[]) =>
  userIds.length === 0
    ? []
    : (
        await db
          .selectFrom('members')
          .select('user_id')
          .where('workspace_id', '=', workspaceId)
          .where('user_id', 'in', userIds)
          .execute()
      ).map((r) => r.user_id);

export const selectResourceIds = async (db: Kysely<DB>, workspaceId: string, ids: string[]) =>
  ids.length === 0
    ? []
    : (
        await db
          .selectFrom('resources')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute()
      ).map((r) => r.id);
