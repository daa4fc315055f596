import type { DiaryItem, DiaryQuerySchema } from '@rapport/contracts/activities.ts';
import type { z } from 'zod';
import { type Ctx, steadyStatements } from '../../http/context.ts';
import { invalid } from '../../http/errors.ts';
import { activityVisibleTo } from '../activities/activity-visibility.ts';
import { occurrencesBetween } from '../activities/recurrence.ts';
import * as q from './diary.sql.ts';

const MAX_DAYS = 62;
/** No series shows more occurrences than this in one range (a daily series over 62 days has 62). */
const MAX_PER_SERIES = 500;

const asList = (v: string | string[] | undefined) => (v === undefined ? [] : [...new Set(Array.isArray(v) ? v : [v])]);

/**
 * The diary: every occurrence in [from, to) of the activities of the given colleagues (owner or taking part) and
 * resources, repeating series expanded in their own time zone, changed occurrences in place of the ones they
 * change — all as the caller may see them.
 */
export async function diary(ctx: Ctx, query: z.output<typeof DiaryQuerySchema>): Promise<{ items: DiaryItem[] }> {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (to <= from) throw invalid('to', 'The end of the range must be after its start');
  if (to.getTime() - from.getTime() > MAX_DAYS * 86_400_000) {
    throw invalid('to', `The diary shows at most ${MAX_DAYS} days at a time`);
  }
  const resourceIds = asList(query.resourceIds);
  const userIds = query.userIds === undefined && resourceIds.length === 0 ? [ctx.actor.userId] : asList(query.userIds);
  const [members, resources] = await Promise.all([
    q.selectMemberIds(ctx.db, ctx.workspaceId, userIds),
    q.selectResourceIds(ctx.db, ctx.workspaceId, resourceIds),
  ]);
  const strangers = userIds.filter((u) => !members.includes(u));
  if (strangers.length > 0) throw invalid('userIds', `Not members of this workspace: ${strangers.join(', ')}`);
  const unknown = resourceIds.filter((r) => !resources.includes(r));
  if (unknown.length > 0) throw invalid('resourceIds', `No such rooms or equipment: ${unknown.join(', ')}`);

  // Planned once per connection: every diary is the same ranges over the same indexes, whoever and whenever it
  // shows, and planning its five reads took 3–8 ms.
  const rows = await q.selectDiaryRows(steadyStatements(ctx), ctx.workspaceId, {
    userIds,
    resourceIds,
    from,
    to,
    includeTasks: query.includeTasks === 'true',
    visible: activityVisibleTo('a', ctx.actor, { joinedCompany: 'co' }),
  });
  const items: DiaryItem[] = [];
  for (const r of rows) {
    const replaced = new Set(r.replaced.map((d) => d.getTime()));
    const source = {
      start: r.starts_at,
      end: r.ends_at,
      allDay: r.all_day,
      timeZone: r.time_zone,
      rrule: r.rrule,
      exdates: r.exdates,
    };
    for (const o of occurrencesBetween(source, from, to, MAX_PER_SERIES)) {
      if (r.rrule && replaced.has(o.occurrenceStart.getTime())) continue;
      items.push({
        activityId: r.id,
        occurrenceStart: r.rrule
          ? o.occurrenceStart.toISOString()
          : r.recurrence_id
            ? r.recurrence_id.toISOString()
            : null,
        typeId: r.type_id,
        kind: r.kind as DiaryItem['kind'],
        title: r.title,
        location: r.location,
        start: o.start.toISOString(),
        end: o.end ? o.end.toISOString() : null,
        allDay: r.all_day,
        done: r.done_at !== null,
        priority: r.priority as DiaryItem['priority'],
        private: r.private,
        recurring: r.rrule !== null || r.series_id !== null,
        ownerId: r.owner_id,
        companyId: r.company_id,
        companyName: r.company_name,
        userIds: r.user_ids,
        resourceIds: r.resource_ids,
        version: r.version,
      });
    }
  }
  // Starts are ISO instants of one form, so they compare as plain text (localeCompare is many times slower).
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  items.sort(
    (a, b) => byText(a.start, b.start) || a.title.localeCompare(b.title) || byText(a.activityId, b.activityId),
  );
  return { items };
}
