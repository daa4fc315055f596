import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Config } from './config.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import { type Database, openDatabase } from './db/pool.ts';
import { provisionAppDatabase } from './db/provision.ts';

export type Log = { info(msg: string): void; warn(msg: string): void };
export type Runtime = { database: Database; embedded: EmbeddedPostgres | null; url: string; close(): Promise<void> };

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Connects to the database Rapport should use: DATABASE_URL when given, otherwise the embedded
 * server in DATA_DIR/postgres (started here, or — for the command line while Rapport runs — the
 * one already running). Migrations run before anything else touches the database.
 */
export async function openRuntime(config: Config, log: Log, opts: { reuseRunning?: boolean } = {}): Promise<Runtime> {
  let embedded: EmbeddedPostgres | null = null;
  let url = config.databaseUrl;
  if (!url) {
    const credFile = path.join(config.dataDir, 'database-app.json');
    if (opts.reuseRunning && existsSync(credFile)) {
      const { password } = JSON.parse(readFileSync(credFile, 'utf8')) as { password: string };
      const candidate = `postgres://rapport:${encodeURIComponent(password)}@127.0.0.1:${config.pgPort}/rapport`;
      if (await reachable(candidate)) url = candidate;
    }
    if (!url) {
      embedded = await startEmbeddedPostgres({
        dataDir: path.join(config.dataDir, 'postgres'),
        port: config.pgPort,
        log,
      });
      try {
        url = await provisionAppDatabase(embedded.superuserUrl, config.dataDir);
      } catch (err) {
        await embedded.stop();
        throw err;
      }
    }
  }
  const database = openDatabase(url, config.dbPoolSize);
  try {
    const applied = await migrate(database.pool);
    if (applied.length > 0) log.info(`database migrated: ${applied.join(', ')}`);
  } catch (err) {
    await database.close();
    await embedded?.stop();
    throw err;
  }
  return {
    database,
    embedded,
    url,
    async close() {
      await database.close().catch(() => {});
      await embedded?.stop();
    },
  };
}
