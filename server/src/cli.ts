import { parseArgs } from 'node:util';
import { SetupSchema } from '@rapport/contracts/workspaces.ts';
import pino from 'pino';
import { createAuth } from './auth/auth.ts';
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
