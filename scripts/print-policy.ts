// Prints server/test/suites/policy.ts from the current route table: run it after adding routes, then
// review the diff — the table is the reviewed statement of who may call what.
// node --import tsx scripts/print-policy.ts > server/test/suites/policy.ts
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/pool.ts';

const config = loadConfig({
  DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
  AUTH_SECRET: 'Xq7vR2mL9pW4tZ8nK3bH6jD1sF5gC0aY',
  LOG_LEVEL: 'silent',
  DATA_DIR: '.data-test/openapi',
});
const database = openDatabase(config.databaseUrl as string, 1);
const { app, routes } = await buildApp({ config, database, logger: false, serveWeb: false, jobs: false });
await app.ready();
const lines = routes
  .filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && r.method !== 'OPTIONS')
  .map((r) => `  '${r.method} ${r.url}': '${r.permission}',`)
  .sort();
process.stdout.write(`/**
 * Who may call what: every API route with the permission it needs (roles: readonly ⊂ user ⊂ manager ⊂
 * admin; \`signed-in\`: any account; \`public\`: anyone). The authorization suite fails when a route is
 * missing here or declares something else. Regenerate with \`node --import tsx scripts/print-policy.ts\`
 * and review the change.
 */
export type Permission = 'public' | 'signed-in' | 'read' | 'write' | 'manage' | 'admin';

export const POLICY: Record<string, Permission> = {
${lines.join('\n')}
};
`);
await app.close();
await database.close();
