import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB>;

export type MemberRow = { user_id: string; name: string; time_zone: string; targets_version: number };

/** Active members of the workspace (or one of them, active or not), by name. */
export function selectMembers(db: Db, workspaceId: string, opts: { userId?: string; forUpdate?: boolean } = {}) {
  let q = db
    .selectFrom('members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.name', 'm.time_zone', 'm.targets_version'])
    .where('m.workspace_id', '=', workspaceId);
  q = opts.userId ? q.where('m.user_id', '=', opts.userId) : q.where('m.deactivated_at', 'is', null);
  if (opts.forUpdate) q = q.forUpdate(['m']);
  return q.orderBy('u.name').orderBy('m.user_id').execute() as Promise<MemberRow[]>;
}

export type TargetRow = { user_id: string; metric: string; weekly_target: number; updated_at: Date };

export const selectTargets = (db: Db, workspaceId: string, userIds?: string[]): Promise<TargetRow[]> => {
  let q = db
    .selectFrom('activity_targets')
    .select(['user_id', 'metric', 'weekly_target', 'updated_at'])
    .where('workspace_id', '=', workspaceId);
  if (userIds) {
    if (userIds.length === 0) return Promise.resolve([]);
    q = q.where('user_id', 'in', userIds);
  }
  return q.execute();
};

export const upsertTarget = (db: Db, workspaceId: string, userId: string, metric: string, value: number, by: string) =>
  db
    .insertInto('activity_targets')
    .values({ workspace_id: workspaceId, user_id: userId, metric, weekly_target: value, updated_by: by })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'user_id', 'metric'])
        .doUpdateSet({ weekly_target: value, updated_by: by, updated_at: new Date() }),
    )
    .execute();

export const deleteTarget = (db: Db, workspaceId: string, userId: string, metric: string) =>
  db
    .deleteFrom('activity_targets')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('metric', '=', metric)
    .execute();

export const bumpTargetsVersion = (db: Db, workspaceId: string, userId: string) =>
  db
    .updateTable('members')
    .set((eb) => ({ targets_version: eb('targets_version', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();

export type Bucket = { userId: string; from: Date; to: Date };
export type BucketCount = { i: number; kind: string; n: number; points: number };

/**
 * Done activities (not deleted) per bucket — a user and a time range [from, to) of `done_at` — and kind, with the
 * sum of their types' points. Counts every activity of the owner, whoever asks: only numbers leave this query.
 */
export async function countDone(db: Db, workspaceId: string, buckets: Bucket[]): Promise<BucketCount[]> {
  if (buckets.length === 0) return [];
  const users = buckets.map((b) => b.userId);
  const froms = buckets.map((b) => b.from.toISOString());
  const tos = buckets.map((b) => b.to.toISOString());
  const res = await sql<BucketCount>`
    select b.i::int as i, a.kind, count(*)::int as n, coalesce(sum(t.points), 0)::int as points
    from unnest(${users}::uuid[], ${froms}::timestamptz[], ${tos}::timestamptz[]) with ordinality as b (user_id, f, t, i)
    join activities a on a.workspace_id = ${workspaceId} and a.owner_id = b.user_id
      and a.deleted_at is null and a.done_at is not null and a.done_at >= b.f and a.done_at < b.t
    join activity_types t on t.workspace_id = a.workspace_id and t.id = a.type_id
    group by b.i, a.kind`.execute(db);
  return res.rows;
}
