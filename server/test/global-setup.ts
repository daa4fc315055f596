import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import type { EmbeddedPostgres } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';

/**
 * One PostgreSQL server for the whole run: TEST_DATABASE_URL (a superuser URL of any PostgreSQL 15+)
 * or an embedded server under .data-test/. A template database is migrated once; each test file
 * clones it (CREATE DATABASE ... TEMPLATE), which takes milliseconds.
 */
// TEST_DB_PREFIX lets several test runs share one server without touching each other's databases.
const PREFIX = (process.env.TEST_DB_PREFIX ?? 'rapport_test').replace(/[^a-z0-9_]/g, '');
export const TEMPLATE_DB = `${PREFIX}_template`;
export const APP_ROLE = 'rapport_test';
export const APP_PASSWORD = 'rapport_test';

let embedded: EmbeddedPostgres | null = null;

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const port = Number(process.env.TEST_PG_PORT ?? 25433);
    const { startEmbeddedPostgres } = await import('../src/db/embedded.ts');
    embedded = await startEmbeddedPostgres({
      dataDir: path.resolve('.data-test/postgres'),
      port,
      log: { info: () => {}, warn: (m: string) => console.warn(m) },
    });
    adminUrl = embedded.superuserUrl;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // The application role is no superuser, as in production; it may create the per-file databases.
    const role = await admin.query('select 1 from pg_roles where rolname = $1', [APP_ROLE]);
    if (role.rowCount === 0) {
      await admin.query(`create role ${APP_ROLE} login nosuperuser createdb password '${APP_PASSWORD}'`);
    }
    const stale = await admin.query<{ datname: string }>(
      'select datname from pg_database where left(datname, length($1) + 1) = $1 || $2',
      [PREFIX, '_'],
    );
    for (const { datname } of stale.rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    await admin.query(`create database ${TEMPLATE_DB} owner ${APP_ROLE} template template0 encoding 'UTF8'`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl as string);
  url.username = APP_ROLE;
  url.password = APP_PASSWORD;
  url.pathname = `/${TEMPLATE_DB}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  await migrate(pool);
  await pool.end();
  project.provide('pgBaseUrl', url.toString());
  project.provide('testDbPrefix', PREFIX);

  return async () => {
    await embedded?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgBaseUrl: string;
    testDbPrefix: string;
  }
}
