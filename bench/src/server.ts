import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export type Server = {
  url: string;
  pid: number;
  startupMs: number;
  env: Record<string, string>;
  stop(): Promise<void>;
};

/** Starts Rapport as `npm start` does (the server bundle), on DATA_DIR, and waits until /api/v1/health answers. */
export async function startServer(dataDir: string, ports: { port: number; pgPort: number }): Promise<Server> {
  const env = {
    DATA_DIR: dataDir,
    PORT: String(ports.port),
    PG_PORT: String(ports.pgPort),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
  };
  const started = performance.now();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${ports.port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Rapport exited before it was ready:\n${output}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 300_000) {
      child.kill('SIGKILL');
      throw new Error(`Rapport did not start in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url,
    pid: child.pid as number,
    startupMs: performance.now() - started,
    env,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs the command line (`npm run rapport -- …`) against the same data folder; returns its output. */
export function cli(env: Record<string, string>, args: string[]): string {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`rapport ${args.join(' ')} failed:\n${res.stdout}${res.stderr}`);
  return res.stdout;
}

/** Resident memory of a process in MB, from /proc. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** The application's database URL, from the credentials the first start wrote. */
export function appDatabaseUrl(dataDir: string, pgPort: number): string {
  const { password } = JSON.parse(readFileSync(path.join(dataDir, 'database-app.json'), 'utf8')) as {
    password: string;
  };
  return `postgres://rapport:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/rapport`;
}

/** The embedded PostgreSQL's superuser, on the app's database (for the benchmark's own clean-up). */
export function superuserDatabaseUrl(dataDir: string, pgPort: number): string {
  const { password } = JSON.parse(readFileSync(path.join(dataDir, 'postgres-superuser.json'), 'utf8')) as {
    password: string;
  };
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/rapport`;
}

/** Runs one statement as the superuser (a checkpoint before measuring). */
export async function runAsSuperuser(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
