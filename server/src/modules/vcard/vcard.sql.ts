import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** A live company the reader may see with exactly this name (the oldest when there are several). */
export async function selectCompanyIdByName(
  db: Kysely<DB>,
  workspaceId: string,
  name: string,
  visibleCompany: RawBuilder<SqlBool>,
): Promise<string | undefined> {
  const { rows } = await sql<{ id: string }>`
    select c.id from companies c
    -- lower() lets the name index find the rows; the second comparison keeps the match exact.
    where c.workspace_id = ${workspaceId} and lower(c.name) = lower(${name}) and c.name = ${name}
      and c.deleted_at is null and ${visibleCompany}
    order by c.id
    limit 1`.execute(db);
  return rows[0]?.id;
}
