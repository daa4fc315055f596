import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers.ts';
import { steadyStatements } from '../http/context.ts';
import { type Database, openDatabase, prepareStatements } from './pool.ts';

let testDb: { url: string; drop(): Promise<void> };
let database: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = openDatabase(testDb.url, 1);
});
afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

/** The statements this connection has prepared, as PostgreSQL lists them. */
async function prepared(db: Database['db']) {
  const r = await sql<{ name: string; statement: string; plans: number }>`
    select name, statement, generic_plans + custom_plans as plans from pg_prepared_statements
    where name like 'rapport_%' order by name`.execute(db);
  return r.rows;
}

describe('prepared statements', () => {
  it('prepares a parameterised statement once per connection and runs it again by name', async () => {
    const { db } = database;
    for (const n of [1, 2, 3]) {
      const r = await sql<{ n: number }>`select ${n}::int + 1 as n`.execute(db);
      expect(r.rows[0]?.n).toBe(n + 1);
    }
    const rows = (await prepared(db)).filter((p) => p.statement.includes('+ 1 as n'));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.plans).toBe(3);
  });

  it('keeps planning each execution for its values', async () => {
    const r = await sql<{
      plan_cache_mode: string;
    }>`select current_setting('plan_cache_mode') as plan_cache_mode, ${1}::int as x`.execute(database.db);
    expect(r.rows[0]?.plan_cache_mode).toBe('force_custom_plan');
  });

  it('keeps at most the limit, releasing the least recently used, and runs a released text again', async () => {
    const client = new pg.Client({ connectionString: testDb.url });
    await client.connect();
    try {
      prepareStatements(client, 2);
      const run = async (k: number) => (await client.query(`select $1::int * ${k} as v`, [2])).rows[0]?.v;
      expect(await run(10)).toBe(20);
      expect(await run(11)).toBe(22);
      expect(await run(10)).toBe(20); // 10 is now the most recent
      expect(await run(12)).toBe(24); // releases 11
      const texts = async () =>
        (await client.query<{ statement: string }>('select statement from pg_prepared_statements')).rows.map(
          (r) => r.statement,
        );
      const kept = (await texts()).filter((t) => t.includes('::int *'));
      expect(kept.sort()).toEqual(['select $1::int * 10 as v', 'select $1::int * 12 as v']);
      expect(await run(11)).toBe(22); // prepared again under a new name
    } finally {
      await client.end();
    }
  });

  it('leaves statements without parameters (several commands in one text) unprepared', async () => {
    const client = await database.pool.connect();
    try {
      const results = (await client.query('select 1 as a; select 2 as b')) as unknown as { rows: unknown[] }[];
      expect(results.map((r) => r.rows[0])).toEqual([{ a: 1 }, { b: 2 }]);
    } finally {
      client.release();
    }
  });

  it('survives a failed statement and a rolled-back transaction that prepared one', async () => {
    const { db } = database;
    await expect(sql`select ${'not a number'}::int as v`.execute(db)).rejects.toThrow(/invalid input syntax/);
    const again = await sql<{ v: number }>`select ${'7'}::int as v`.execute(db);
    expect(again.rows[0]?.v).toBe(7);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`select ${1}::int as inside_rolled_back`.execute(trx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const after = await sql<{ inside_rolled_back: number }>`select ${2}::int as inside_rolled_back`.execute(db);
    expect(after.rows[0]?.inside_rolled_back).toBe(2);
  });

  it('prepares a statement anew when a table changed its columns under it', async () => {
    const { db } = database;
    await sql`create table pool_changes (id int primary key, a text)`.execute(db);
    await sql`insert into pool_changes values (1, 'x')`.execute(db);
    const read = () => sql<Record<string, unknown>>`select * from pool_changes where id = ${1}`.execute(db);
    expect((await read()).rows).toEqual([{ id: 1, a: 'x' }]);
    await sql`alter table pool_changes add column b text default 'y'`.execute(db);
    // PostgreSQL refuses the prepared statement once, since its columns changed; the next run prepares it again.
    await read().catch((err) => expect(String(err)).toMatch(/cached plan must not change result type/));
    expect((await read()).rows).toEqual([{ id: 1, a: 'x', b: 'y' }]);
  });

  it('plans a statement once on planOnce, and for every execution on db', async () => {
    const text = (n: number) => sql<{ n: number }>`select count(*)::int as n from generate_series(1, ${n}) g`;
    for (const n of [3, 4, 5]) expect((await text(n).execute(database.planOnce)).rows[0]?.n).toBe(n);
    for (const n of [3, 4, 5]) expect((await text(n).execute(database.db)).rows[0]?.n).toBe(n);
    const plans = async (db: Database['db']) =>
      (
        await sql<{ generic_plans: number; custom_plans: number }>`
          select generic_plans::int, custom_plans::int from pg_prepared_statements
          where statement like 'select count(*)::int as n from generate_series%' and ${1}::int = 1`.execute(db)
      ).rows;
    expect(await plans(database.planOnce)).toEqual([{ generic_plans: 3, custom_plans: 0 }]);
    expect(await plans(database.db)).toEqual([{ generic_plans: 0, custom_plans: 3 }]);
  });

  it('sends steady reads to planOnce, but keeps them inside a transaction that is running', async () => {
    expect(steadyStatements({ db: database.db, planOnce: database.planOnce })).toBe(database.planOnce);
    await database.db.transaction().execute(async (trx) => {
      expect(steadyStatements({ db: trx, planOnce: database.planOnce })).toBe(trx);
    });
  });
});
