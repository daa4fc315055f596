import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

// bigint (count(*)) as number: counts in a CRM stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/**
 * `db` plans every execution for its values. `planOnce` runs on a few connections of their own that plan each
 * statement once and reuse that plan (a generic plan): only for reads whose best plan cannot depend on their
 * values, such as one colleague's open tasks by date, where planning took half of the database's time.
 */
export type Database = { pool: pg.Pool; db: Kysely<DB>; planOnce: Kysely<DB>; close(): Promise<void> };

/** Prepared statements kept per connection; the least recently used one is released beyond this. */
export const PREPARED_PER_CONNECTION = 200;

/**
 * Makes a connection prepare each parameterised statement it runs (under a name of its own) and reuse it
 * the next time the same SQL text comes: PostgreSQL then skips parsing and analysing the text, 0.7–0.9 ms
 * of a list query's 3–6 ms on a 2-core machine. How a statement is planned is the pool's setting (`openPool`).
 * Statements without parameters (migrations, several commands in one text) run as before. At most `limit`
 * statements are kept; the least recently used one is deallocated, and a text that comes back gets a new
 * name, so a failed deallocation can never collide with it.
 */
export function prepareStatements(client: pg.ClientBase, limit: number): void {
  const names = new Map<string, string>();
  let seq = 0;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || args.length > 2) {
      return query(...args);
    }
    let name = names.get(text);
    let released: string | null = null;
    if (name) {
      names.delete(text);
    } else {
      name = `rapport_${++seq}`;
      if (names.size >= limit) {
        const [oldText, oldName] = names.entries().next().value as [string, string];
        names.delete(oldText);
        released = oldName;
      }
    }
    names.set(text, name);
    const run = async () => {
      // One query at a time on a connection: the release goes first, then the statement.
      if (released) await deallocate(released);
      try {
        return await query({ name, text, values });
      } catch (err) {
        // "cached plan must not change result type": a table changed under a prepared `select *` (a
        // restore or a migration while running). This execution fails; the next one prepares anew.
        if ((err as { code?: string })?.code === '0A000' && names.get(text) === name) {
          names.delete(text);
          await deallocate(name);
        }
        throw err;
      }
    };
    return run();
  };
  async function deallocate(name: string) {
    await (query(`deallocate ${name}`) as Promise<unknown>).catch(() => {});
    // pg remembers each statement it prepared with its text; the name is never used again.
    delete (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection
      ?.parsedStatements?.[name];
  }
}

export function openDatabase(url: string, max: number): Database {
  const pool = openPool(url, max, 'force_custom_plan');
  const planOncePool = openPool(url, Math.max(2, Math.ceil(max / 2)), 'force_generic_plan');
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const planOnce = new Kysely<DB>({ dialect: new PostgresDialect({ pool: planOncePool }) });
  return {
    pool,
    db,
    planOnce,
    async close() {
      // Kysely ends the pool only when it ran a query itself; connections taken directly (migrations)
      // must be closed too.
      await Promise.all([db.destroy(), planOnce.destroy()]);
      for (const p of [pool, planOncePool]) if (!p.ended) await p.end();
    },
  };
}

function openPool(url: string, max: number, plans: 'force_custom_plan' | 'force_generic_plan'): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // A connection warms its catalog caches on first use (the first plan of a list query takes 8 ms on a new
    // connection, 2 ms after): idle ones are kept ten minutes, not closed after seconds.
    idleTimeoutMillis: 600_000,
    connectionTimeoutMillis: 5_000,
    application_name: 'rapport',
    statement_timeout: 60_000,
    // PostgreSQL's JIT compiler starts when the planner's cost estimate is high, and on a few-millisecond
    // CRM query over millions of rows it spent seconds compiling (measured: 7.7 s of a 9 s task-list page).
    // Statements are prepared (see `prepareStatements`); on `db` every execution is still planned for its own
    // values: a plan made without them walked 8,000 companies for a custom-field filter (42 ms instead of 3).
    options: `-c jit=off -c plan_cache_mode=${plans}`,
  });
  // A dropped connection (database restart) must not crash the process; the pool reconnects.
  pool.on('error', () => {});
  // A connection that the server ends while it is checked out but between queries (PostgreSQL killed
  // or restarted) emits 'error' on the client itself: without a listener that would end the process.
  // The next query on it fails and the pool replaces it.
  pool.on('connect', (client) => {
    client.on('error', () => {});
    prepareStatements(client, PREPARED_PER_CONNECTION);
  });
  return pool;
}
