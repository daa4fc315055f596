import {
  TARGET_METRICS,
  type TargetMetric,
  type TargetProgress,
  type Targets,
  type TargetsPut,
  type TeamProgress,
  type UserTargets,
  type WeekRealized,
} from '@rapport/contracts/activity-targets.ts';
import { DateTime } from 'luxon';
import { atLeastManager, type Ctx } from '../../http/context.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { newId } from '../../lib/ids.ts';
import * as q from './activity-targets.sql.ts';

const KIND_METRIC: Record<string, TargetMetric> = { call: 'calls', meeting: 'meetings', task: 'tasks' };

const noTargets = (): Targets => ({ calls: null, meetings: null, tasks: null, points: null });

function targetsOf(rows: q.TargetRow[], userId: string): { targets: Targets; updatedAt: string | null } {
  const targets = noTargets();
  let latest: Date | null = null;
  for (const r of rows) {
    if (r.user_id !== userId) continue;
    targets[r.metric as TargetMetric] = r.weekly_target;
    if (!latest || r.updated_at > latest) latest = r.updated_at;
  }
  return { targets, updatedAt: latest ? latest.toISOString() : null };
}

const toUserTargets = (m: q.MemberRow, rows: q.TargetRow[]): UserTargets => ({
  userId: m.user_id,
  name: m.name,
  version: m.targets_version,
  ...targetsOf(rows, m.user_id),
});

export async function listTargets(ctx: Ctx) {
  const members = await q.selectMembers(ctx.db, ctx.workspaceId);
  const rows = await q.selectTargets(ctx.db, ctx.workspaceId);
  return { items: members.map((m) => toUserTargets(m, rows)) };
}

export async function putTargets(ctx: Ctx, body: TargetsPut): Promise<UserTargets> {
  return ctx.db.transaction().execute(async (db) => {
    const [member] = await q.selectMembers(db, ctx.workspaceId, { userId: body.userId, forUpdate: true });
    if (!member) throw notFound('Member');
    const rows = await q.selectTargets(db, ctx.workspaceId, [member.user_id]);
    if (member.targets_version !== body.version) {
      throw new AppError('CONFLICT', 'Someone else changed these targets; reload and try again', {
        current: toUserTargets(member, rows),
      });
    }
    const before = targetsOf(rows, member.user_id).targets;
    const changes: { field: TargetMetric; old: number | null; new: number | null }[] = [];
    for (const metric of TARGET_METRICS) {
      const value = body.targets[metric];
      if (value === undefined || value === before[metric]) continue;
      if (value === null) await q.deleteTarget(db, ctx.workspaceId, member.user_id, metric);
      else await q.upsertTarget(db, ctx.workspaceId, member.user_id, metric, value, ctx.actor.userId);
      changes.push({ field: metric, old: before[metric], new: value });
    }
    if (changes.length === 0) return toUserTargets(member, rows);
    await q.bumpTargetsVersion(db, ctx.workspaceId, member.user_id);
    await db
      .insertInto('audit_log')
      .values(
        changes.map((c) => ({
          workspace_id: ctx.workspaceId,
          id: newId(),
          entity: 'activity_target',
          entity_id: member.user_id,
          action: 'update',
          field: c.field,
          old_value: JSON.stringify(c.old),
          new_value: JSON.stringify(c.new),
          actor_id: ctx.actor.userId,
          actor_kind: ctx.actor.kind,
        })),
      )
      .execute();
    const [after] = await q.selectMembers(db, ctx.workspaceId, { userId: member.user_id });
    return toUserTargets(after as q.MemberRow, await q.selectTargets(db, ctx.workspaceId, [member.user_id]));
  });
}

/** The ISO week (Monday 00:00 to the next Monday 00:00 in the time zone) `back` weeks before the one of `now`. */
export function isoWeek(timeZone: string, now: Date, back = 0) {
  const start = DateTime.fromJSDate(now, { zone: timeZone }).startOf('week').minus({ weeks: back });
  const end = start.plus({ weeks: 1 });
  return {
    weekStart: start.toISODate() as string,
    week: start.weekNumber,
    from: start.toJSDate(),
    to: end.toJSDate(),
  };
}

function realized(week: ReturnType<typeof isoWeek>, counts: q.BucketCount[], i: number): WeekRealized {
  const out: WeekRealized = {
    weekStart: week.weekStart,
    week: week.week,
    from: week.from.toISOString(),
    to: week.to.toISOString(),
    calls: 0,
    meetings: 0,
    tasks: 0,
    points: 0,
  };
  for (const c of counts) {
    if (c.i !== i) continue;
    const metric = KIND_METRIC[c.kind];
    if (metric) out[metric] += c.n;
    out.points += c.points;
  }
  return out;
}

/**
 * Realized per ISO week for the last `weeks` weeks of one user: done activities they own, by kind, and their
 * points. Everyone may see their own; managers and administrators anyone's.
 */
export async function progress(
  ctx: Ctx,
  query: { userId?: string | undefined; weeks: number },
): Promise<TargetProgress> {
  const userId = query.userId ?? ctx.actor.userId;
  if (userId !== ctx.actor.userId && !atLeastManager(ctx.actor)) {
    throw forbidden('Only managers and administrators see the progress of others');
  }
  const [member] = await q.selectMembers(ctx.db, ctx.workspaceId, { userId });
  if (!member) throw notFound('Member');
  const now = new Date();
  const weeks = Array.from({ length: query.weeks }, (_, i) => isoWeek(member.time_zone, now, query.weeks - 1 - i));
  const counts = await q.countDone(
    ctx.db,
    ctx.workspaceId,
    weeks.map((w) => ({ userId, from: w.from, to: w.to })),
  );
  const targets = targetsOf(await q.selectTargets(ctx.db, ctx.workspaceId, [userId]), userId).targets;
  return {
    userId,
    name: member.name,
    timeZone: member.time_zone,
    targets,
    // `with ordinality` numbers the buckets from 1.
    weeks: weeks.map((w, i) => realized(w, counts, i + 1)),
  };
}

/** Every active member's current week (in their own time zone) against their targets. */
export async function team(ctx: Ctx): Promise<TeamProgress> {
  const members = await q.selectMembers(ctx.db, ctx.workspaceId);
  const now = new Date();
  const weeks = members.map((m) => isoWeek(m.time_zone, now));
  const counts = await q.countDone(
    ctx.db,
    ctx.workspaceId,
    members.map((m, i) => ({
      userId: m.user_id,
      from: (weeks[i] as ReturnType<typeof isoWeek>).from,
      to: (weeks[i] as ReturnType<typeof isoWeek>).to,
    })),
  );
  const rows = await q.selectTargets(ctx.db, ctx.workspaceId);
  return {
    items: members.map((m, i) => ({
      userId: m.user_id,
      name: m.name,
      targets: targetsOf(rows, m.user_id).targets,
      current: realized(weeks[i] as ReturnType<typeof isoWeek>, counts, i + 1),
    })),
  };
}
