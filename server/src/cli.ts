import path from 'node:path';
import { parseArgs } from 'node:util';
import { SetupSchema } from '@rapport/contracts/workspaces.ts';
import pino from 'pino';
import { createAuth } from './auth/auth.ts';
import { createBackup, otherSessions, restoreBackup } from './backup/backup.ts';
import { loadConfig } from './config.ts';
import { createMailer } from './mail/mailer.ts';
import { loadDemo } from './modules/demo/demo.service.ts';
import { createApiKey, createWorkspaceWithAdmin } from './modules/workspaces/workspaces.service.ts';
import { findWorkspaceByName } from './modules/workspaces/workspaces.sql.ts';
import { openRuntime } from './runtime.ts';

const USAGE = `Usage: npm run rapport -- <command> [options]

Commands:
  setup --workspace NAME --email EMAIL --password PASSWORD [--name "Full Name"]
        Create a workspace with its administrator (an existing account becomes its administrator).
  api-key create --workspace NAME [--name KEY_NAME] [--role admin|manager|user|readonly]
        Create an API key; the key is printed as the last line.
  demo --workspace NAME [--companies N]
        Load a realistic Nordic demo dataset into the workspace.
  migrate
        Apply pending database migrations and exit.
  backup [--out FILE]
        Back up the database and the stored files into one .tar file (default: DATA_DIR/backups/);
        Rapport may keep running.
  restore FILE --yes
        Replace the database and the stored files with those of a backup. Stop Rapport first.
`;

const log = pino({ level: process.env.LOG_LEVEL ?? 'warn' });

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      companies: { type: 'string' },
      out: { type: 'string' },
      yes: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub] = positionals;
  if (!command || values.help) {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const say = {
    info: (m: string) => process.stderr.write(`${m}\n`),
    warn: (m: string) => process.stderr.write(`${m}\n`),
  };
  const runtime = await openRuntime(config, say, { reuseRunning: true });
  try {
    const { db, pool } = runtime.database;
    const workspaceNamed = async (name: string | undefined) => {
      if (!name) throw new Error('--workspace NAME is required');
      const ws = await findWorkspaceByName(db, name);
      if (!ws) throw new Error(`No workspace named "${name}"`);
      return ws;
    };
    if (command === 'migrate') {
      process.stdout.write('database is up to date\n');
    } else if (command === 'setup') {
      const input = SetupSchema.safeParse({
        workspace: values.workspace,
        email: values.email,
        password: values.password,
        name: values.name ?? values.email?.split('@')[0],
      });
      if (!input.success) {
        const issue = input.error.issues[0];
        throw new Error(`--${String(issue?.path[0] ?? '')}: ${issue?.message}`);
      }
      const auth = createAuth(pool, config, createMailer(db, log, config.smtpUrl, config.mailFrom));
      const res = await createWorkspaceWithAdmin(db, auth, input.data);
      process.stdout.write(
        `Workspace "${input.data.workspace}" is ready; administrator ${input.data.email}.\n${res.workspaceId}\n`,
      );
    } else if (command === 'api-key' && sub === 'create') {
      const ws = await workspaceNamed(values.workspace);
      const role = (values.role ?? 'admin') as 'admin' | 'manager' | 'user' | 'readonly';
      if (!['admin', 'manager', 'user', 'readonly'].includes(role))
        throw new Error('--role is admin, manager, user or readonly');
      const admin = await db
        .selectFrom('members')
        .select('user_id')
        .where('workspace_id', '=', ws.id)
        .where('role', '=', 'admin')
        .orderBy('created_at')
        .executeTakeFirstOrThrow();
      const key = await createApiKey(db, ws.id, admin.user_id, values.name ?? 'Command line', role);
      process.stdout.write(`API key "${key.name}" (${role}) for workspace "${ws.name}":\n${key.key}\n`);
    } else if (command === 'backup') {
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
      const out = path.resolve(values.out ?? path.join(config.dataDir, 'backups', `rapport-${stamp}.tar`));
      const m = await createBackup({ databaseUrl: runtime.url, dataDir: config.dataDir, out, log: say });
      const bytes = m.files.reduce((a, f) => a + f.bytes, 0);
      process.stdout.write(
        `Backup written: ${m.files.length} files (${(bytes / 2 ** 20).toFixed(1)} MB) and the database (${(m.database.bytes / 2 ** 20).toFixed(1)} MB).\n${out}\n`,
      );
    } else if (command === 'restore') {
      const file = sub;
      if (!file) throw new Error('Give the backup file: npm run rapport -- restore FILE --yes');
      if (!config.databaseUrl && !runtime.embedded) {
        throw new Error('Rapport is running on this data folder: stop it first, then restore.');
      }
      await runtime.database.close();
      // Connections of a Rapport that just stopped take a moment to end.
      let others = await otherSessions(runtime.url);
      for (let i = 0; i < 15 && others.length > 0; i++) {
        await new Promise((r) => setTimeout(r, 200));
        others = await otherSessions(runtime.url);
      }
      if (others.length > 0) {
        throw new Error(
          `The database is in use (${[...new Set(others)].join(', ')}): stop Rapport and other clients first, then restore.`,
        );
      }
      if (!values.yes) {
        throw new Error(
          `This replaces all data of ${config.databaseUrl ? 'the database in DATABASE_URL' : config.dataDir} with the backup ${file}. Run again with --yes to go ahead.`,
        );
      }
      const m = await restoreBackup({ databaseUrl: runtime.url, dataDir: config.dataDir, file, log: say });
      process.stdout.write(`Restored the backup of ${m.createdAt}: the database and ${m.files.length} files.\n`);
    } else if (command === 'demo') {
      const ws = await workspaceNamed(values.workspace);
      const count = Number.parseInt(values.companies ?? '300', 10);
      if (!Number.isFinite(count) || count < 1 || count > 100_000) throw new Error('--companies is 1 to 100000');
      const res = await loadDemo(db, ws.id, count);
      process.stdout.write(`Loaded ${res.companies} companies and ${res.contacts} contacts into "${ws.name}".\n`);
    } else {
      process.stdout.write(USAGE);
      return 2;
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
