import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { visibleTo } from '../../lib/visibility.ts';
import { activityVisibleTo } from '../activities/activity-visibility.ts';

/** The columns of an activity an iCalendar object needs, with its owner (the organiser). */
export type IcsRow = {
  id: string;
  kind: 'task' | 'call' | 'meeting';
  title: string;
  description: string;
  location: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  all_day: boolean;
  time_zone: string;
  priority: 'low' | 'normal' | 'high';
  done_at: Date | null;
  owner_id: string;
  owner_name: string;
  owner_email: string;
  owner_language: string | null;
  rrule: string | null;
  exdates: Date[];
  series_id: string | null;
  recurrence_id: Date | null;
  ical_uid: string;
  ical_sequence: number;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
};

const columns = sql`a.id, a.kind, a.title, a.description, a.location, a.starts_at, a.ends_at, a.all_day, a.time_zone,
  a.priority, a.done_at, a.owner_id, u.name as owner_name, u.email as owner_email, m.language as owner_language,
  a.rrule, a.exdates, a.series_id, a.recurrence_id, a.ical_uid, a.ical_sequence, a.created_at, a.updated_at,
  a.deleted_at`;
const from = sql`activities a
  join users u on u.id = a.owner_id
  left join members m on m.workspace_id = a.workspace_id and m.user_id = a.owner_id`;

/** At most this many activities go into one feed. */
const FEED_LIMIT = 5_000;

/**
 * The activities of a user's feed: their own and those they take part in, starting before `to` and ending
 * after `from` (a series: any that has not ended before `from` is the caller's to check), as that user sees them.
 * Changed occurrences are not included (see `selectExceptions`).
 */
export async function selectFeedActivities(
  db: Kysely<DB>,
  workspaceId: string,
  actor: Pick<Actor, 'userId' | 'role'>,
  range: { from: Date; to: Date },
): Promise<IcsRow[]> {
  const me = actor.userId;
  const { rows } = await sql<IcsRow>`
    select ${columns} from ${from}
    where a.workspace_id = ${workspaceId} and a.deleted_at is null and a.starts_at is not null
      and a.series_id is null
      and (a.owner_id = ${me} or exists (select 1 from activity_participants p
        where p.workspace_id = a.workspace_id and p.activity_id = a.id and p.user_id = ${me}))
      and ${activityVisibleTo('a', actor)}
      and a.starts_at < ${range.to}
      and (a.rrule is not null or greatest(a.ends_at, a.starts_at + interval '1 day') > ${range.from})
    order by a.starts_at, a.id
    limit ${FEED_LIMIT}`.execute(db);
  return rows;
}

/** The live changed occurrences of these series (as `actor` sees them, when given). */
export async function selectExceptions(
  db: Kysely<DB>,
  workspaceId: string,
  seriesIds: string[],
  actor: Pick<Actor, 'userId' | 'role'> | null,
): Promise<IcsRow[]> {
  if (seriesIds.length === 0) return [];
  const visible: RawBuilder<SqlBool> = actor ? activityVisibleTo('a', actor) : sql<SqlBool>`true`;
  const { rows } = await sql<IcsRow>`
    select ${columns} from ${from}
    where a.workspace_id = ${workspaceId} and a.series_id in (${sql.join(seriesIds)})
      and a.deleted_at is null and a.starts_at is not null and ${visible}
    order by a.recurrence_id, a.id`.execute(db);
  return rows;
}

/** One activity, deleted ones too (`actor`: only when that user may see it). */
export async function selectIcsActivity(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  actor: Pick<Actor, 'userId' | 'role'> | null,
): Promise<IcsRow | undefined> {
  const visible: RawBuilder<SqlBool> = actor ? activityVisibleTo('a', actor) : sql<SqlBool>`true`;
  const { rows } = await sql<IcsRow>`
    select ${columns} from ${from}
    where a.workspace_id = ${workspaceId} and a.id = ${id} and ${visible}`.execute(db);
  return rows[0];
}

export type ParticipantRow = {
  id: string;
  activity_id: string;
  user_id: string | null;
  contact_id: string | null;
  name: string;
  email: string | null;
  response: 'needs-action' | 'accepted' | 'declined' | 'tentative';
  invited_at: Date | null;
  /** False for a contact the reader may not see ("only the owner" card of someone else). */
  visible: boolean;
};

/** The participants of these activities with their names and e-mail addresses. */
export async function selectParticipants(
  db: Kysely<DB>,
  workspaceId: string,
  activityIds: string[],
  reader: Pick<Actor, 'userId' | 'role'> | null,
): Promise<ParticipantRow[]> {
  if (activityIds.length === 0) return [];
  const contactVisible = reader ? visibleTo('c', reader) : sql<SqlBool>`true`;
  const { rows } = await sql<ParticipantRow>`
    select p.id, p.activity_id, p.user_id, p.contact_id, p.response, p.invited_at,
      coalesce(u.name, trim(concat_ws(' ', c.first_name, c.last_name))) as name,
      coalesce(u.email, c.email) as email,
      (p.contact_id is null or (c.deleted_at is null and ${contactVisible})) as visible
    from activity_participants p
    left join users u on u.id = p.user_id
    left join contacts c on c.workspace_id = p.workspace_id and c.id = p.contact_id
    where p.workspace_id = ${workspaceId} and p.activity_id in (${sql.join(activityIds)})
    order by p.activity_id, p.user_id nulls last, name, p.id`.execute(db);
  return rows;
}

/** Notes when contacts were last sent an invitation. */
export async function markInvited(db: Kysely<DB>, workspaceId: string, participantIds: string[], at: Date) {
  if (participantIds.length === 0) return;
  await db
    .updateTable('activity_participants')
    .set({ invited_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', participantIds)
    .execute();
}

/** Raises the iCalendar SEQUENCE of an activity (a changed or cancelled meeting) and returns the new one. */
export async function bumpSequence(db: Kysely<DB>, workspaceId: string, id: string): Promise<number> {
  const row = await db
    .updateTable('activities')
    .set((eb) => ({ ical_sequence: eb('ical_sequence', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returning('ical_sequence')
    .executeTakeFirst();
  return row?.ical_sequence ?? 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Feeds

export type FeedRow = {
  id: string;
  workspace_id: string;
  user_id: string;
  created_at: Date;
  last_used_at: Date | null;
};

export const selectActiveFeed = (db: Kysely<DB>, workspaceId: string, userId: string) =>
  db
    .selectFrom('calendar_feeds')
    .select(['id', 'workspace_id', 'user_id', 'created_at', 'last_used_at'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();

export async function revokeFeeds(db: Kysely<DB>, workspaceId: string, userId: string, at: Date): Promise<number> {
  const res = await db
    .updateTable('calendar_feeds')
    .set({ revoked_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export const insertFeed = (
  db: Kysely<DB>,
  row: { workspace_id: string; id: string; user_id: string; token_hash: string; created_at: Date },
) => db.insertInto('calendar_feeds').values(row).execute();

/** The live feed with this token hash, and its user's membership (role; none when deactivated or gone). */
export const selectFeedByHash = (db: Kysely<DB>, tokenHash: string) =>
  db
    .selectFrom('calendar_feeds as f')
    .innerJoin('members as m', (j) =>
      j.onRef('m.workspace_id', '=', 'f.workspace_id').onRef('m.user_id', '=', 'f.user_id'),
    )
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .select(['f.id', 'f.workspace_id', 'f.user_id', 'm.role', 'u.name', 'f.last_used_at'])
    .where('f.token_hash', '=', tokenHash)
    .where('f.revoked_at', 'is', null)
    .where('m.deactivated_at', 'is', null)
    .executeTakeFirst();

export const touchFeed = (db: Kysely<DB>, workspaceId: string, id: string, at: Date) =>
  db
    .updateTable('calendar_feeds')
    .set({ last_used_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
