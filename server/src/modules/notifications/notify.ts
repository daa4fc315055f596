import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';

/** The PostgreSQL channel every app process listens on to push new notifications over WebSocket. */
export const NOTIFY_CHANNEL = 'rapport_notifications';

export type NewNotification = {
  workspaceId: string;
  userIds: string[];
  /** What happened, e.g. `activity.assigned`; the app renders kind + params in the reader's language. */
  kind: string;
  params: Record<string, string | number | boolean | null>;
  /** Where a click on it leads in the app, e.g. `/activities/<id>`. */
  path: string | null;
  actorId: string | null;
};

/**
 * Writes one notification per user (call it inside the transaction of the change) and announces them on
 * NOTIFY_CHANNEL, which PostgreSQL delivers only when that transaction commits.
 */
export async function notify(db: Kysely<DB>, n: NewNotification): Promise<string[]> {
  const userIds = [...new Set(n.userIds)];
  if (userIds.length === 0) return [];
  const rows = userIds.map((userId) => ({
    workspace_id: n.workspaceId,
    id: newId(),
    user_id: userId,
    kind: n.kind,
    params: JSON.stringify(n.params),
    path: n.path,
    actor_id: n.actorId,
  }));
  await db.insertInto('notifications').values(rows).execute();
  for (const r of rows) {
    await sql`select pg_notify(${NOTIFY_CHANNEL}, ${JSON.stringify({ workspaceId: r.workspace_id, userId: r.user_id, id: r.id })})`.execute(
      db,
    );
  }
  return rows.map((r) => r.id);
}
