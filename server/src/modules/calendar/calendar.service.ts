import { createHash, randomBytes } from 'node:crypto';
import type { CalendarFeedCreated, CalendarFeedStatus } from '@rapport/contracts/calendar.ts';
import type { Role } from '@rapport/contracts/workspaces.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { newId } from '../../lib/ids.ts';
import { type RecurringSource, seriesEnd } from '../activities/recurrence.ts';
import { insertAudit } from '../audit/audit.sql.ts';
import * as q from './calendar.sql.ts';
import { buildCalendar } from './ics.ts';
import { rowsToEvents } from './ics-events.ts';

/** A feed holds activities from this long ago … */
const FEED_PAST_DAYS = 30;
/** … up to this far ahead. */
const FEED_FUTURE_DAYS = 366;
/** Subscribed calendars are asked to fetch again after this many minutes. */
const FEED_REFRESH_MINUTES = 60;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const feedUrl = (publicUrl: string, token: string) => `${publicUrl}/api/v1/calendar-feed/${token}.ics`;

// ---------------------------------------------------------------------------------------------------------------
// The caller's feed

export async function getFeedStatus(ctx: Ctx): Promise<CalendarFeedStatus> {
  const feed = await q.selectActiveFeed(ctx.db, ctx.workspaceId, ctx.actor.userId);
  return {
    active: feed !== undefined,
    createdAt: feed ? feed.created_at.toISOString() : null,
    lastUsedAt: feed?.last_used_at ? feed.last_used_at.toISOString() : null,
  };
}

const feedAudit = (db: Kysely<DB>, ctx: Ctx, feedId: string, action: 'create' | 'delete') =>
  insertAudit(db, {
    workspaceId: ctx.workspaceId,
    actor: ctx.actor,
    entity: 'calendar_feed',
    entityId: feedId,
    action,
  });

/** A new secret feed address for the caller; the one before (if any) stops working. Only a hash is kept. */
export async function createFeed(ctx: Ctx): Promise<CalendarFeedCreated> {
  const token = randomBytes(32).toString('base64url');
  const id = newId();
  await ctx.db.transaction().execute(async (db) => {
    const previous = await q.selectActiveFeed(db, ctx.workspaceId, ctx.actor.userId);
    await q.revokeFeeds(db, ctx.workspaceId, ctx.actor.userId, ctx.now);
    if (previous) await feedAudit(db, ctx, previous.id, 'delete');
    await q.insertFeed(db, {
      workspace_id: ctx.workspaceId,
      id,
      user_id: ctx.actor.userId,
      token_hash: hashToken(token),
      created_at: ctx.now,
    });
    await feedAudit(db, ctx, id, 'create');
  });
  return { url: feedUrl(ctx.config.publicUrl, token), createdAt: ctx.now.toISOString() };
}

/** Ends the caller's feed address: calendars subscribed to it get 404 from now on. */
export async function revokeFeed(ctx: Ctx): Promise<void> {
  await ctx.db.transaction().execute(async (db) => {
    const previous = await q.selectActiveFeed(db, ctx.workspaceId, ctx.actor.userId);
    if (!previous) return;
    await q.revokeFeeds(db, ctx.workspaceId, ctx.actor.userId, ctx.now);
    await feedAudit(db, ctx, previous.id, 'delete');
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

const source = (r: q.IcsRow): RecurringSource => ({
  start: r.starts_at as Date,
  end: r.ends_at,
  allDay: r.all_day,
  timeZone: r.time_zone,
  rrule: r.rrule,
  exdates: r.exdates,
});

/** A series belongs in a range unless it ended before it. */
function seriesReaches(r: q.IcsRow, from: Date): boolean {
  if (!r.rrule || !r.starts_at) return true;
  try {
    const end = seriesEnd(source(r));
    return end === null || end >= from;
  } catch {
    return false; // a rule that cannot be read cannot be shown either
  }
}

/**
 * The iCalendar feed of a secret address: that user's own activities and those they take part in, from 30 days
 * back to a year ahead (series as RRULE with their changed occurrences), as that user may see them.
 * A wrong, revoked or deactivated member's address answers 404, without saying which.
 */
export async function renderFeed(
  deps: { db: Kysely<DB>; publicUrl: string },
  token: string,
  now: Date,
): Promise<string> {
  const missing = () => new AppError('NOT_FOUND', 'No such calendar feed');
  if (!TOKEN.test(token)) throw missing();
  const feed = await q.selectFeedByHash(deps.db, hashToken(token));
  if (!feed) throw missing();
  const actor = { userId: feed.user_id, role: feed.role as Role };
  const from = new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000);
  const to = new Date(now.getTime() + FEED_FUTURE_DAYS * 86_400_000);
  const rows = (await q.selectFeedActivities(deps.db, feed.workspace_id, actor, { from, to })).filter((r) =>
    seriesReaches(r, from),
  );
  const exceptions = await q.selectExceptions(
    deps.db,
    feed.workspace_id,
    rows.filter((r) => r.rrule).map((r) => r.id),
    actor,
  );
  const all = [...rows, ...exceptions];
  const participants = await q.selectParticipants(
    deps.db,
    feed.workspace_id,
    all.map((r) => r.id),
    actor,
  );
  const ics = buildCalendar({
    method: 'PUBLISH',
    name: `Rapport – ${feed.name}`,
    refreshMinutes: FEED_REFRESH_MINUTES,
    events: rowsToEvents(all, participants, { publicUrl: deps.publicUrl }),
    now,
  });
  if (!feed.last_used_at || now.getTime() - feed.last_used_at.getTime() > 60_000) {
    await q.touchFeed(deps.db, feed.workspace_id, feed.id, now);
  }
  return ics;
}

/** One activity as an .ics file to import (a series with its changed occurrences), if the caller may see it. */
export async function activityIcs(ctx: Ctx, id: string): Promise<{ fileName: string; text: string }> {
  const row = await q.selectIcsActivity(ctx.db, ctx.workspaceId, id, ctx.actor);
  if (!row || row.deleted_at) throw notFound('Activity');
  if (!row.starts_at) throw new AppError('VALIDATION', 'This activity has no date, so it cannot go into a calendar');
  let rows = [row];
  if (row.series_id) {
    const root = await q.selectIcsActivity(ctx.db, ctx.workspaceId, row.series_id, ctx.actor);
    if (root && !root.deleted_at) rows = [root];
  }
  const root = rows[0] as q.IcsRow;
  if (root.rrule) rows = [root, ...(await q.selectExceptions(ctx.db, ctx.workspaceId, [root.id], ctx.actor))];
  const participants = await q.selectParticipants(
    ctx.db,
    ctx.workspaceId,
    rows.map((r) => r.id),
    ctx.actor,
  );
  const text = buildCalendar({
    method: 'PUBLISH',
    events: rowsToEvents(rows, participants, { publicUrl: ctx.config.publicUrl }),
    now: ctx.now,
  });
  const base =
    root.title
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, 60) || 'activity';
  return { fileName: `${base}.ics`, text };
}
