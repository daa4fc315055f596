import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

// bigint (count(*)) as number: counts in a CRM stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export type Database = { pool: pg.Pool; db: Kysely<DB>; close(): Promise<void> };

export function openDatabase(url: string, max: number): Database {
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
    options: '-c jit=off',
  });
  // A dropped connection (database restart) must not crash the process; the pool reconnects.
  pool.on('error', () => {});
  // A connection that the server ends while it is checked out but between queries (PostgreSQL killed
  // or restarted) emits 'error' on the client itself: without a listener that would end the process.
  // The next query on it fails and the pool replaces it.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    pool,
    db,
    async close() {
      // Kysely ends the pool only when it ran a query itself; connections taken directly (migrations)
      // must be closed too.
      await db.destroy();
      if (!pool.ended) await pool.end();
    },
  };
}
