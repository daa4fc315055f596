import type { ActivityListColumn } from '@rapport/contracts/companies.ts';
import { activityListColumns } from '@rapport/contracts/companies.ts';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../http/context.ts';
import { invalid } from '../../http/errors.ts';
import type { Ordering } from '../../lib/list.ts';
import { activityVisibleTo } from '../activities/activity-visibility.ts';

/**
 * "Next activity" and "last activity" of a company or contact, computed only when a list asks for the column
 * (`include=`) or sorts by it, so the default list query stays as it was. Only activities the caller may see
 * count (`activityVisibleTo`).
 *
 * - next: the start of the earliest open (not done) activity starting now or later.
 * - last: when the latest activity took place: `least(coalesce(start, done), done)` — a done one at its start,
 *   or when it was done if that came first (or it has no date); an open one at its start — among those before now.
 * A repeating series counts by the start of its first occurrence; changed occurrences are rows of their own.
 *
 * Shown as columns, each value is one correlated subquery per row on the page, read through
 * `activities_company_idx` / `activities_contact_idx` (card, start): "next" scans from now and stops at the
 * first visible open activity; "last" scans back from now and stops at the first visible one, plus the few
 * activities done before their start. A contact adds the meetings it is invited to.
 *
 * Sorting the company list starts from the activities instead (`companyActivityOrder`): the soonest next
 * activity and the latest last activity come straight from the indexes of migration 0018, in order, one company
 * at a time, so a page costs about as much as its rows (companies without a value follow, by id). The other
 * directions, and sorting contacts, would have to compute the value for every visible row before the first page
 * (seconds on the benchmark's 200,000 companies), so the contract does not offer them.
 */

type Link = { kind: 'company' | 'contact'; alias: string };

/** Far-away instants that put rows without a value last. */
const NEVER = sql`'9999-12-31T00:00:00Z'::timestamptz`;
const LONG_AGO = sql`'0001-01-01T00:00:00Z'::timestamptz`;

/** When an activity took place, for "last" (`least` skips the null done time of an open activity). */
export const happenedSql = (a: string) =>
  sql`least(coalesce(${sql.ref(`${a}.starts_at`)}, ${sql.ref(`${a}.done_at`)}), ${sql.ref(`${a}.done_at`)})`;

function linked(link: Link): RawBuilder<SqlBool> {
  const card = sql.ref(`${link.alias}.id`);
  const ws = sql.ref(`${link.alias}.workspace_id`);
  return link.kind === 'company'
    ? sql<SqlBool>`a.workspace_id = ${ws} and a.company_id = ${card}`
    : sql<SqlBool>`a.workspace_id = ${ws} and a.contact_id = ${card}`;
}

/** Activities a contact is invited to (as a participant), besides those linked to it. */
function invited(link: Link): RawBuilder<SqlBool> {
  const card = sql.ref(`${link.alias}.id`);
  const ws = sql.ref(`${link.alias}.workspace_id`);
  return sql<SqlBool>`a.workspace_id = ${ws} and a.id in (select p.activity_id from activity_participants p
    where p.workspace_id = ${ws} and p.contact_id = ${card})`;
}

function nextSql(actor: Actor, where: RawBuilder<SqlBool>) {
  return sql<Date | null>`(select a.starts_at from activities a
    where ${where} and a.deleted_at is null and a.done_at is null and a.starts_at >= now()
      and ${activityVisibleTo('a', actor)}
    order by a.starts_at limit 1)`;
}

/**
 * The latest time among: starts before now of activities open or done after they started (newest first, the
 * first visible one), and done times of those done before their start or without one (few).
 */
function lastSql(actor: Actor, where: RawBuilder<SqlBool>) {
  return sql<Date | null>`greatest(
    (select a.starts_at from activities a
      where ${where} and a.deleted_at is null and a.starts_at < now()
        and (a.done_at is null or a.done_at >= a.starts_at) and ${activityVisibleTo('a', actor)}
      order by a.starts_at desc limit 1),
    (select max(a.done_at) from activities a
      where ${where} and a.deleted_at is null and a.done_at is not null
        and (a.starts_at is null or a.done_at < a.starts_at) and ${activityVisibleTo('a', actor)}))`;
}

/** The SQL value of one column for the card row `link.alias`. */
export function activityColumnSql(column: ActivityListColumn, link: Link, actor: Actor): RawBuilder<Date | null> {
  const parts = link.kind === 'company' ? [linked(link)] : [linked(link), invited(link)];
  if (column === 'nextActivityAt') {
    const values = parts.map((w) => nextSql(actor, w));
    return values.length === 1 ? (values[0] as RawBuilder<Date | null>) : sql`least(${sql.join(values)})`;
  }
  const values = parts.map((w) => lastSql(actor, w));
  return values.length === 1 ? (values[0] as RawBuilder<Date | null>) : sql`greatest(${sql.join(values)})`;
}

export const ACTIVITY_COLUMN_SNAKE: Record<ActivityListColumn, string> = {
  nextActivityAt: 'next_activity_at',
  lastActivityAt: 'last_activity_at',
};

export type ActivityColumnRow = { next_activity_at?: Date | null; last_activity_at?: Date | null };

/** The fast way to sort companies by a column: from its index, in its natural direction. */
export type CompanyActivityOrder = {
  column: ActivityListColumn;
  desc: boolean;
  /** The value of the activity `a` that the companies are ordered by. */
  value: RawBuilder<Date>;
  /** `a` is one of the activities the column looks at (the partial index's rows and the time range). */
  candidate: RawBuilder<SqlBool>;
  /** `a` is the one giving its company the value: no other visible activity of the company comes first. */
  first: RawBuilder<SqlBool>;
  /** Where companies without a value sort: after all others. */
  none: RawBuilder<Date>;
  /** The caller may see the activity `a`. */
  visible: RawBuilder<SqlBool>;
};

function companyActivityOrder(column: ActivityListColumn, desc: boolean, actor: Actor): CompanyActivityOrder | null {
  // Only the natural direction comes in index order: the soonest next activity, the latest last one.
  if (column === 'nextActivityAt' && desc) return null;
  if (column === 'lastActivityAt' && !desc) return null;
  const visibleB = activityVisibleTo('b', actor);
  const sameCompany = sql<SqlBool>`b.workspace_id = a.workspace_id and b.company_id = a.company_id
    and b.deleted_at is null and b.id <> a.id`;
  if (column === 'nextActivityAt') {
    return {
      column,
      desc,
      value: sql<Date>`a.starts_at`,
      candidate: sql<SqlBool>`a.deleted_at is null and a.done_at is null and a.company_id is not null
        and a.starts_at >= now()`,
      first: sql<SqlBool>`not exists (select 1 from activities b where ${sameCompany}
        and b.done_at is null and b.starts_at >= now()
        and (b.starts_at < a.starts_at or (b.starts_at = a.starts_at and b.id < a.id)) and ${visibleB})`,
      none: NEVER as RawBuilder<Date>,
      visible: activityVisibleTo('a', actor),
    };
  }
  const ea = happenedSql('a');
  const eb = happenedSql('b');
  return {
    column,
    desc,
    value: ea as RawBuilder<Date>,
    candidate: sql<SqlBool>`a.deleted_at is null and a.company_id is not null and ${ea} < now()`,
    first: sql<SqlBool>`not exists (select 1 from activities b where ${sameCompany} and ${eb} < now()
      and (${eb} > ${ea} or (${eb} = ${ea} and b.id > a.id)) and ${visibleB})`,
    none: LONG_AGO as RawBuilder<Date>,
    visible: activityVisibleTo('a', actor),
  };
}

/**
 * What a list query needs for the activity columns: the extra select list (null when none is asked for) and,
 * when the company list sorts by one (the contract allows only the natural directions), the index-driven
 * ordering. A sort on a column includes it.
 */
export function activityListParts(
  link: Link,
  actor: Actor,
  include: ActivityListColumn | ActivityListColumn[] | undefined,
  sort: string | undefined,
): { select: RawBuilder<unknown> | null; order: Ordering | null; byActivity: CompanyActivityOrder | null } {
  const wanted = new Set<ActivityListColumn>(include === undefined ? [] : Array.isArray(include) ? include : [include]);
  const field = sort?.replace(/^-/, '');
  const sortColumn = activityListColumns.find((c) => c === field);
  if (sortColumn) wanted.add(sortColumn);
  const picked = activityListColumns.filter((c) => wanted.has(c));
  if (picked.length === 0) return { select: null, order: null, byActivity: null };
  const select = sql.join(
    picked.map((c) => sql`${activityColumnSql(c, link, actor)} as ${sql.ref(ACTIVITY_COLUMN_SNAKE[c])}`),
  );
  if (!sortColumn || !sort) return { select, order: null, byActivity: null };
  const desc = sort.startsWith('-');
  const byActivity = link.kind === 'company' ? companyActivityOrder(sortColumn, desc, actor) : null;
  if (!byActivity) {
    throw invalid(
      'sort',
      'Sort by next activity soonest first (nextActivityAt) or last activity latest first (-lastActivityAt)',
    );
  }
  // The sort key of a row: its value, or where rows without one go (after the others).
  const order: Ordering = { field: sortColumn, desc, def: { sql: byActivity.value, kind: 'timestamp' } };
  return { select, order, byActivity };
}

/** The columns of a row as the contract names them; absent when the list did not ask for them. */
export function activityColumnValues(r: ActivityColumnRow): {
  nextActivityAt?: string | null;
  lastActivityAt?: string | null;
} {
  const out: { nextActivityAt?: string | null; lastActivityAt?: string | null } = {};
  if (r.next_activity_at !== undefined)
    out.nextActivityAt = r.next_activity_at ? r.next_activity_at.toISOString() : null;
  if (r.last_activity_at !== undefined)
    out.lastActivityAt = r.last_activity_at ? r.last_activity_at.toISOString() : null;
  return out;
}
