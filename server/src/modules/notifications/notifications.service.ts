import type { Notification, NotificationPage, NotificationRead } from '@rapport/contracts/notifications.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/context.ts';
import * as q from './notifications.sql.ts';

type Params = Notification['params'];

export function toNotification(r: q.NotificationRow): Notification {
  const params: Params = {};
  if (r.params && typeof r.params === 'object' && !Array.isArray(r.params)) {
    for (const [k, v] of Object.entries(r.params as Record<string, unknown>)) {
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') params[k] = v;
    }
  }
  return {
    id: r.id,
    kind: r.kind,
    params,
    path: r.path,
    actorId: r.actor_id,
    actorName: r.actor_name,
    createdAt: new Date(r.created_at).toISOString(),
    read: r.read_at !== null,
  };
}

export async function listNotifications(
  ctx: Ctx,
  query: { limit: number; before?: string | undefined },
): Promise<NotificationPage> {
  const me = ctx.actor.userId;
  let before: { created_at: Date; id: string } | null = null;
  if (query.before) {
    const row = await q.selectNotification(ctx.db, ctx.workspaceId, me, query.before);
    // An unknown (or someone else's) notification as the cursor: an empty page, nothing told.
    if (!row) return { items: [], unread: await q.countUnread(ctx.db, ctx.workspaceId, me), nextBefore: null };
    before = { created_at: row.created_at, id: row.id };
  }
  const rows = await q.selectNotifications(ctx.db, ctx.workspaceId, me, query.limit + 1, before);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toNotification),
    unread: await q.countUnread(ctx.db, ctx.workspaceId, me),
    nextBefore: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

export async function readNotifications(ctx: Ctx, body: NotificationRead) {
  const me = ctx.actor.userId;
  return ctx.db.transaction().execute(async (tx) => {
    const changed = await q.markRead(tx, ctx.workspaceId, me, 'all' in body ? 'all' : body.ids);
    if (changed > 0) await q.announceRead(tx, ctx.workspaceId, me);
    return { changed, unread: await q.countUnread(tx, ctx.workspaceId, me) };
  });
}

/** What the live connection sends: the notification as its reader gets it, with the new unread count. */
export async function liveNotification(db: Kysely<DB>, workspaceId: string, userId: string, id: string) {
  const row = await q.selectNotification(db, workspaceId, userId, id);
  if (!row) return null;
  return { notification: toNotification(row), unread: await q.countUnread(db, workspaceId, userId) };
}

export const unreadCount = (db: Kysely<DB>, workspaceId: string, userId: string) =>
  q.countUnread(db, workspaceId, userId);
