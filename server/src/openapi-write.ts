import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/pool.ts';

/**
 * Writes the OpenAPI document to openapi.json at the repository root. Building the app needs no
 * running database (the pool connects lazily); a test fails when the committed file is stale.
 */
export const OPENAPI_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../openapi.json');

export async function openApiDocument(): Promise<unknown> {
  const config = loadConfig({
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    AUTH_SECRET: 'Xq7vR2mL9pW4tZ8nK3bH6jD1sF5gC0aY',
    LOG_LEVEL: 'silent',
    DATA_DIR: '.data-test/openapi',
  });
  const database = openDatabase(config.databaseUrl as string, 1);
  const { app } = await buildApp({ config, database, logger: false, serveWeb: false, jobs: false });
  await app.ready();
  const doc = app.swagger();
  await app.close();
  await database.close();
  return doc;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const doc = await openApiDocument();
  writeFileSync(OPENAPI_FILE, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`wrote ${OPENAPI_FILE}`);
}
