import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { NOTIFY_CHANNEL } from './notify.ts';

type Db = Kysely<DB>;

const columns = [
  'n.id',
  'n.kind',
  'n.params',
  'n.path',
  'n.actor_id',
  'u.name as actor_name',
  'n.created_at',
  'n.read_at',
] as const;

export type NotificationRow = {
  id: string;
  kind: string;
  params: unknown;
  path: string | null;
  actor_id: string | null;
  actor_name: string | null;
  created_at: Date;
  read_at: Date | null;
};

/** One user's notifications, newest first, after the (created_at, id) of `before` when given. */
export async function selectNotifications(
  db: Db,
  workspaceId: string,
  userId: string,
  limit: number,
  before: { created_at: Date; id: string } | null,
): Promise<NotificationRow[]> {
  let q = db
    .selectFrom('notifications as n')
    .leftJoin('users as u', 'u.id', 'n.actor_id')
    .select(columns)
    .where('n.workspace_id', '=', workspaceId)
    .where('n.user_id', '=', userId);
  if (before) {
    q = q.where(sql<boolean>`(n.created_at, n.id) < (${before.created_at}, ${before.id})`);
  }
  return q.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(limit).execute();
}

export async function selectNotification(db: Db, workspaceId: string, userId: string, id: string) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('users as u', 'u.id', 'n.actor_id')
    .select(columns)
    .where('n.workspace_id', '=', workspaceId)
    .where('n.user_id', '=', userId)
    .where('n.id', '=', id)
    .executeTakeFirst() as Promise<NotificationRow | undefined>;
}

export async function countUnread(db: Db, workspaceId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the given notifications of the user (or all of them) read; returns how many changed. */
export async function markRead(db: Db, workspaceId: string, userId: string, ids: string[] | 'all'): Promise<number> {
  let q = db
    .updateTable('notifications')
    .set({ read_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Tells the user's open app windows (through every app process) that their unread count changed. */
export async function announceRead(db: Db, workspaceId: string, userId: string) {
  await sql`select pg_notify(${NOTIFY_CHANNEL}, ${JSON.stringify({ workspaceId, userId, event: 'read' })})`.execute(db);
}
