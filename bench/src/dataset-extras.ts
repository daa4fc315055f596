import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/**
 * Parts of the benchmark dataset added after the companies and contacts: categories with custom fields on
 * companies, and activities. Each is loaded once into an existing dataset (the facts file records it), in
 * SQL generated from the rows already there, so it is as deterministic as they are.
 */

export type CategoryFacts = { categoryId: string; segmentFieldId: string; segmentOptionId: string; companies: number };

const SEGMENTS = [
  { id: 'small', label: 'Small business' },
  { id: 'mid', label: 'Mid-market' },
  { id: 'enterprise', label: 'Enterprise' },
];

async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('set local statement_timeout = 0');
    const out = await fn(client);
    await client.query('commit');
    return out;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Eight categories, each with a select, a number and a date field. Every company is in one or two
 * categories (by a hash of its id) and carries values for the fields of its first one.
 */
export async function loadCategories(pool: pg.Pool, workspaceId: string): Promise<CategoryFacts> {
  return inTransaction(pool, async (client) => {
    const names = ['Kunde', 'Partner', 'Leverandør', 'Forhandler', 'Offentlig', 'Prospekt', 'Eksport', 'Medlem'];
    const categories = names.map((name, i) => ({
      id: randomUUID(),
      name,
      fields: { segment: randomUUID(), employees: randomUUID(), renewal: randomUUID() },
      order: i,
    }));
    for (const c of categories) {
      await client.query('insert into categories (workspace_id, id, name, sort_order) values ($1, $2, $3, $4)', [
        workspaceId,
        c.id,
        c.name,
        c.order,
      ]);
      await client.query(
        `insert into custom_fields (workspace_id, id, category_id, key, label, type, options, sort_order) values
           ($1, $2, $3, 'segment', 'Segment', 'select', $4, 1),
           ($1, $5, $3, 'employees', 'Ansatte', 'number', '[]', 2),
           ($1, $6, $3, 'renewal', 'Avtale fornyes', 'date', '[]', 3)`,
        [workspaceId, c.fields.segment, c.id, JSON.stringify(SEGMENTS), c.fields.employees, c.fields.renewal],
      );
    }
    const ids = categories.map((c) => c.id);
    const segment = categories.map((c) => c.fields.segment);
    const employees = categories.map((c) => c.fields.employees);
    const renewal = categories.map((c) => c.fields.renewal);
    // h: a stable hash of the company id; category k = h % 8, a second one for a third of the companies.
    await client.query(
      `insert into company_categories (workspace_id, company_id, category_id)
       select c.workspace_id, c.id, ($2::uuid[])[1 + h % 8] from
         (select workspace_id, id, abs(hashtext(id::text)) as h from companies where workspace_id = $1) c
       union all
       select c.workspace_id, c.id, ($2::uuid[])[1 + (h / 8 + 1 + h % 8) % 8] from
         (select workspace_id, id, abs(hashtext(id::text)) as h from companies where workspace_id = $1) c
       where h % 3 = 0 and (h / 8 + 1 + h % 8) % 8 <> h % 8`,
      [workspaceId, ids],
    );
    await client.query(
      `update companies c set custom_fields = jsonb_build_object(
          ($2::text[])[1 + x.h % 8], (array['small', 'mid', 'enterprise'])[1 + (x.h / 7) % 3],
          ($3::text[])[1 + x.h % 8], 1 + (x.h / 5) % 5000,
          ($4::text[])[1 + x.h % 8], to_char(date '2026-01-01' + ((x.h / 11) % 730)::int, 'YYYY-MM-DD'))
       from (select id, abs(hashtext(id::text)) as h from companies where workspace_id = $1) x
       where c.workspace_id = $1 and c.id = x.id`,
      [workspaceId, segment, employees, renewal],
    );
    const first = categories[0] as (typeof categories)[number];
    const count = await client.query<{ n: string }>(
      `select count(*) as n from companies where workspace_id = $1 and custom_fields @> $2::jsonb`,
      [workspaceId, JSON.stringify({ [first.fields.segment]: 'enterprise' })],
    );
    await client.query('analyze company_categories');
    await client.query('analyze companies');
    return {
      categoryId: first.id,
      segmentFieldId: first.fields.segment,
      segmentOptionId: 'enterprise',
      companies: Number(count.rows[0]?.n ?? 0),
    };
  });
}

export type ActivityFacts = { activities: number; loadSeconds: number };

/**
 * Ten activities per company (2,000,000 at scale 1): 40% tasks, 35% calls, 25% meetings, spread from a
 * year back to three months ahead in working hours, owned by the company's owner, linked to the company
 * and (for most) one of its contacts; past ones are mostly done, 5% are private, and one meeting in 500
 * is a weekly series with a colleague taking part.
 */
/**
 * Which activities are private: one in twenty, by a hash of the id. (It was `h % 20 = 0` on the same hash
 * that makes one in ten open and two in five tasks, so every private activity was an open task and every
 * open task dated in the past was private: a colleague's task list skipped over all of them.)
 */
export const PRIVATE_RULE = "abs(hashtext($id::text || 'private')) % 20 = 0";

export async function loadActivities(pool: pg.Pool, workspaceId: string): Promise<ActivityFacts> {
  const started = performance.now();
  const perCompany = 10;
  const activities = await inTransaction(pool, async (client) => {
    const types = await client.query<{ id: string; kind: string }>(
      'select id, kind from activity_types where workspace_id = $1 and builtin',
      [workspaceId],
    );
    const typeOf = (kind: string) => types.rows.find((t) => t.kind === kind)?.id;
    const res = await client.query(
      `insert into activities (workspace_id, id, type_id, kind, title, starts_at, ends_at, time_zone, priority,
          done_at, done_by, owner_id, company_id, contact_id, private, rrule, ical_uid, created_by, created_at, updated_at)
       select $1, x.id, case x.kind when 'task' then $2::uuid when 'call' then $3::uuid else $4::uuid end, x.kind,
         case x.kind when 'task' then (array['Send tilbud', 'Følg opp', 'Ring tilbake', 'Oppdater avtale'])[1 + x.h % 4]
                     when 'call' then 'Samtale med ' || x.name
                     else (array['Møte', 'Lunsj', 'Presentasjon', 'Workshop'])[1 + x.h % 4] || ' ' || x.name end,
         x.starts_at,
         case when x.kind = 'task' then null else x.starts_at + (case x.kind when 'call' then 15 else 60 end) * interval '1 minute' end,
         'Europe/Oslo',
         (array['low', 'normal', 'normal', 'high'])[1 + (x.h / 3) % 4],
         case when x.starts_at < now() and x.h % 10 <> 0 then x.starts_at + interval '1 hour' end,
         case when x.starts_at < now() and x.h % 10 <> 0 then x.owner_id end,
         x.owner_id, x.company_id,
         case when x.h % 4 <> 0 then x.contact_id end,
         ${PRIVATE_RULE.replace('$id', 'x.id')},
         case when x.kind = 'meeting' and x.h % 500 = 499 then 'FREQ=WEEKLY;COUNT=20' end,
         x.id || '@rapport', x.owner_id, x.starts_at - interval '7 days', x.starts_at - interval '7 days'
       from (
         select gen_random_uuid() as id, c.id as company_id, fc.contact_id, c.owner_id, c.name, h,
           case when h % 20 < 8 then 'task' when h % 20 < 15 then 'call' else 'meeting' end as kind,
           date_trunc('day', now()) - interval '365 days'
             + ((h / 20) % 455) * interval '1 day' + (8 + (h / 9100) % 9) * interval '1 hour'
             + ((h / 81900) % 4) * interval '15 minutes' as starts_at
         from companies c
           left join (select distinct on (company_id) company_id, id as contact_id from contacts
                      where workspace_id = $1 and company_id is not null and deleted_at is null
                      order by company_id, id) fc on fc.company_id = c.id
           cross join generate_series(1, ${perCompany}) g(n),
           lateral (select abs(hashtext(c.id::text || g.n::text)) as h) hh
         where c.workspace_id = $1 and c.deleted_at is null
       ) x`,
      [workspaceId, typeOf('task'), typeOf('call'), typeOf('meeting')],
    );
    // A colleague takes part in every recurring meeting.
    await client.query(
      `insert into activity_participants (workspace_id, id, activity_id, user_id)
       select a.workspace_id, gen_random_uuid(), a.id,
         (select m.user_id from members m where m.workspace_id = a.workspace_id and m.user_id <> a.owner_id
            order by m.user_id offset abs(hashtext(a.id::text)) % 10 limit 1)
       from activities a where a.workspace_id = $1 and a.rrule is not null`,
      [workspaceId],
    );
    return res.rowCount ?? 0;
  });
  const client = await pool.connect();
  try {
    await client.query('analyze activities');
    await client.query('analyze activity_participants');
  } finally {
    client.release();
  }
  return { activities, loadSeconds: (performance.now() - started) / 1000 };
}
