import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../http/context.ts';

/**
 * Records marked "only the owner" are seen by their owner and by administrators only — in lists,
 * search, counts, links and by id. Every select of a company or contact takes this condition.
 */
export function visibleTo(alias: string, actor: Pick<Actor, 'userId' | 'role'>): RawBuilder<SqlBool> {
  if (actor.role === 'admin') return sql<SqlBool>`true`;
  return sql<SqlBool>`(${sql.ref(`${alias}.visibility`)} = 'everyone' or ${sql.ref(`${alias}.owner_id`)} = ${actor.userId})`;
}
