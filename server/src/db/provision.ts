import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * With the embedded server Rapport holds the superuser: it creates a login role `rapport`
 * (not a superuser) that owns the database `rapport`, and the application connects as that role.
 */
export async function provisionAppDatabase(superuserUrl: string, dataDir: string, dbName = 'rapport'): Promise<string> {
  const credFile = path.join(dataDir, 'database-app.json');
  let password: string;
  if (existsSync(credFile)) {
    password = (JSON.parse(readFileSync(credFile, 'utf8')) as { password: string }).password;
  } else {
    password = randomBytes(24).toString('base64url');
  }
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const role = await client.query('select 1 from pg_roles where rolname = $1', ['rapport']);
    const quoted = `'${password.replace(/'/g, "''")}'`;
    if (role.rowCount === 0) {
      await client.query(`create role rapport login nosuperuser nocreaterole password ${quoted}`);
    } else if (!existsSync(credFile)) {
      await client.query(`alter role rapport password ${quoted}`);
    }
    const db = await client.query('select 1 from pg_database where datname = $1', [dbName]);
    if (db.rowCount === 0)
      await client.query(`create database "${dbName}" owner rapport encoding 'UTF8' template template0`);
  } finally {
    await client.end();
  }
  if (!existsSync(credFile)) writeFileSync(credFile, JSON.stringify({ password }), { mode: 0o600 });
  const url = new URL(superuserUrl);
  url.username = 'rapport';
  url.password = password;
  url.pathname = `/${dbName}`;
  return url.toString();
}
