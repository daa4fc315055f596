import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../http/context.ts';

/**
 * Who may see an activity, as one SQL condition on the activities row `alias` — used by every read:
 * diary, lists, card panels, search, feeds, reminders and targets.
 * - A private activity is seen only by its owner and the colleagues taking part (administrators included:
 *   private means private).
 * - An activity linked to an "only the owner" company or contact is seen only by those who may see that card
 *   (`lib/visibility.ts`), even by its owner or participants.
 * A changed occurrence of a series (series_id set) takes part through the series' participants too.
 */
export function activityVisibleTo(
  alias: string,
  actor: Pick<Actor, 'userId' | 'role'>,
  /** The alias of the activity's company when the read already joins it (`left join companies <alias>`). */
  opts: { joinedCompany?: string } = {},
): RawBuilder<SqlBool> {
  const a = (col: string) => sql.ref(`${alias}.${col}`);
  const me = actor.userId;
  const participant = sql<SqlBool>`exists (select 1 from activity_participants vp
    where vp.workspace_id = ${a('workspace_id')} and vp.user_id = ${me}
      and vp.activity_id in (${a('id')}, coalesce(${a('series_id')}, ${a('id')})))`;
  const notPrivate = sql<SqlBool>`(not ${a('private')} or ${a('owner_id')} = ${me} or ${participant})`;
  if (actor.role === 'admin') return notPrivate;
  // A scalar subquery, not `exists`: PostgreSQL runs it as one primary-key lookup per activity, where an
  // `exists` may become a join that first reads every company (measured: 70 ms against 7 ms for a page of a
  // task list sorted by next activity over 120,000 companies).
  const card = (table: 'companies' | 'contacts', col: string) =>
    sql<SqlBool>`(${a(col)} is null or coalesce((select vc.visibility = 'everyone' or vc.owner_id = ${me}
      from ${sql.table(table)} vc where vc.workspace_id = ${a('workspace_id')} and vc.id = ${a(col)}), false))`;
  // The company's row, when the read has it at hand already: one lookup per activity less (6 of the 37 ms of a
  // diary week of 600 activities). A missing row hides the activity, as the lookup does.
  const company = opts.joinedCompany
    ? sql<SqlBool>`(${a('company_id')} is null or coalesce(${sql.ref(`${opts.joinedCompany}.visibility`)} = 'everyone'
        or ${sql.ref(`${opts.joinedCompany}.owner_id`)} = ${me}, false))`
    : card('companies', 'company_id');
  return sql<SqlBool>`(${notPrivate} and ${company} and ${card('contacts', 'contact_id')})`;
}
