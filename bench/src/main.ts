/**
 * `npm run bench -- --scale 1`: loads (once) a deterministic dataset into a Rapport started on its own
 * data folder, then measures the API over HTTP with real authentication against the database work
 * of the same operation run directly (no HTTP, no auth, no validation, no JSON): that is the limit.
 *
 * Options: --scale N (1 = 200,000 companies, ~1,000,000 contacts), --data DIR (default bench/.data/scale-N),
 * --repeat N (timed requests per operation), --duration S (seconds per throughput run), --import-rows N
 * (rows of the CSV import, default 100,000 × scale, at most 100,000), --smoke (a tiny
 * run that checks the benchmark works, in a temporary folder, asserting no timings), --out FILE.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openDatabase } from '../../server/src/db/pool.ts';
import type { Ctx } from '../../server/src/http/context.ts';
import { visibleTo } from '../../server/src/lib/visibility.ts';
import { listActivities } from '../../server/src/modules/activities/activities.service.ts';
import { team } from '../../server/src/modules/activity-targets/activity-targets.service.ts';
import { getCompany, listCompanies } from '../../server/src/modules/companies/companies.service.ts';
import { listContacts } from '../../server/src/modules/contacts/contacts.service.ts';
import { diary } from '../../server/src/modules/diary/diary.service.ts';
import { listNotes } from '../../server/src/modules/notes/notes.service.ts';
import { searchCompanies, searchContacts, searchKey } from '../../server/src/modules/search/search.sql.ts';
import { type DatasetFacts, loadDataset } from './dataset.ts';
import { type ActivityFacts, type CategoryFacts, loadActivities, loadCategories } from './dataset-extras.ts';
import { httpClient } from './http.ts';
import { type ImportMeasure, measureImport, removeBenchWrites, sqlInsertRowsPerSecond } from './import.ts';
import { type Result, renderMarkdown, type Stat, stat } from './report.ts';
import {
  appDatabaseUrl,
  cli,
  freePort,
  root,
  rssMb,
  runAsSuperuser,
  startServer,
  superuserDatabaseUrl,
} from './server.ts';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    data: { type: 'string' },
    repeat: { type: 'string' },
    duration: { type: 'string' },
    smoke: { type: 'boolean', default: false },
    out: { type: 'string' },
    'import-rows': { type: 'string' },
    only: { type: 'string' },
  },
});

/** `--only list,search,...`: measures just those parts (for working on one of them); all by default. */
const PARTS = ['lists', 'search', 'card', 'activities', 'writes', 'import', 'throughput', 'startup'] as const;
const only = args.only ? new Set(args.only.split(',')) : null;
for (const part of only ?? []) {
  if (!(PARTS as readonly string[]).includes(part)) throw new Error(`--only takes ${PARTS.join(', ')}`);
}
const wanted = (part: (typeof PARTS)[number]) => !only || only.has(part);

const smoke = args.smoke;
const scale = smoke ? 0.001 : Number(args.scale);
if (!Number.isFinite(scale) || scale <= 0 || scale > 10) throw new Error('--scale is a number above 0, at most 10');
const repeat = Number(args.repeat ?? (smoke ? 5 : 200));
const duration = Number(args.duration ?? (smoke ? 1 : 30));
const dataDir = smoke
  ? mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-'))
  : path.resolve(args.data ?? path.join(root, 'bench/.data', `scale-${scale}`));
mkdirSync(dataDir, { recursive: true });

const log = (msg: string) => process.stderr.write(`${msg}\n`);

type Dataset = DatasetFacts & {
  apiKey: string;
  actorId: string;
  categories?: CategoryFacts;
  activities?: ActivityFacts;
  /** A key with the manager role, for the team dashboard. */
  managerKey?: string;
};

async function main() {
  const ports = { port: await freePort(), pgPort: await freePort() };
  log(`starting Rapport on ${dataDir}`);
  let server = await startServer(dataDir, ports);
  const factsFile = path.join(dataDir, 'bench-dataset.json');
  let dataset: Dataset;
  const dbUrl = appDatabaseUrl(dataDir, ports.pgPort);
  const database = openDatabase(dbUrl, 4);
  try {
    if (existsSync(factsFile)) {
      dataset = JSON.parse(readFileSync(factsFile, 'utf8')) as Dataset;
      log(`reusing the dataset: ${dataset.companies} companies, ${dataset.contacts} contacts`);
    } else {
      const workspace = `Bench ${scale} ${new Date().toISOString()}`;
      cli(server.env, [
        'setup',
        '--workspace',
        workspace,
        '--email',
        'bench@rapport.test',
        '--password',
        'bench password 1',
      ]);
      const workspaceId = (
        await database.pool.query<{ id: string }>('select id from workspaces where name = $1', [workspace])
      ).rows[0]?.id;
      if (!workspaceId) throw new Error('The bench workspace was not created');
      // The measuring key has the "user" role: the owner-only rule applies, as for most people.
      const out = cli(server.env, ['api-key', 'create', '--workspace', workspace, '--name', 'bench', '--role', 'user']);
      const apiKey = out.trim().split('\n').at(-1) as string;
      const actor = await database.pool.query<{ user_id: string }>(
        "select user_id from members where workspace_id = $1 and role = 'admin'",
        [workspaceId],
      );
      log(`loading scale ${scale} with COPY...`);
      const facts = await loadDataset(database.pool, workspaceId, scale);
      log(`loaded ${facts.companies} companies and ${facts.contacts} contacts in ${facts.loadSeconds.toFixed(1)} s`);
      dataset = { ...facts, apiKey, actorId: actor.rows[0]?.user_id as string };
      writeFileSync(factsFile, JSON.stringify(dataset, null, 2));
    }
    // Parts added to the dataset later are loaded into an existing one once.
    if (!dataset.categories) {
      log('loading categories and custom field values...');
      dataset.categories = await loadCategories(database.pool, dataset.workspaceId);
      writeFileSync(factsFile, JSON.stringify(dataset, null, 2));
    }
    if (!dataset.activities) {
      log('loading activities...');
      dataset.activities = await loadActivities(database.pool, dataset.workspaceId);
      log(`loaded ${dataset.activities.activities} activities in ${dataset.activities.loadSeconds.toFixed(1)} s`);
      writeFileSync(factsFile, JSON.stringify(dataset, null, 2));
    }

    if (!dataset.managerKey) {
      const workspace = (
        await database.pool.query<{ name: string }>('select name from workspaces where id = $1', [dataset.workspaceId])
      ).rows[0]?.name as string;
      const out = cli(server.env, [
        'api-key',
        'create',
        '--workspace',
        workspace,
        '--name',
        'bench manager',
        '--role',
        'manager',
      ]);
      dataset.managerKey = out.trim().split('\n').at(-1) as string;
      writeFileSync(factsFile, JSON.stringify(dataset, null, 2));
    }

    const ctx = {
      db: database.db,
      planOnce: database.planOnce,
      workspaceId: dataset.workspaceId,
      actor: { kind: 'api_key', userId: dataset.actorId, name: 'bench', role: 'user', apiKeyId: null },
      now: new Date(),
    } as unknown as Ctx;
    const headers = { authorization: `Bearer ${dataset.apiKey}` };
    // biome-ignore lint/suspicious/noExplicitAny: the answers are read field by field below
    const api = httpClient(server.url, dataset.apiKey) as (method: string, url: string, body?: unknown) => Promise<any>;
    // biome-ignore lint/suspicious/noExplicitAny: as above
    const managerApi = httpClient(server.url, dataset.managerKey as string) as (m: string, u: string) => Promise<any>;

    /**
     * Warms up with WARM_UP calls, then times `repeat` sequential runs of fn(i). A fresh server runs its
     * code unoptimised and reads its pages from the OS cache at first: its first few hundred lists take
     * up to twice as long as in the steady state a server that has been running for a day is in.
     */
    const WARM_UP = smoke ? 2 : 300;
    async function time(fn: (i: number) => Promise<unknown>, n = repeat): Promise<Stat> {
      for (let i = 0; i < WARM_UP; i++) await fn(i);
      const samples: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await fn(i + WARM_UP);
        samples.push(performance.now() - t0);
      }
      return stat(samples);
    }

    // What an earlier run that stopped half-way wrote goes first. Writes of an earlier run (or of loading the data)
    // would otherwise be flushed to disk by the checkpointer while this run measures: a checkpoint, so every run
    // starts from a quiet database.
    await removeBenchWrites(superuserDatabaseUrl(dataDir, ports.pgPort), dataset.workspaceId);
    await runAsSuperuser(superuserDatabaseUrl(dataDir, ports.pgPort), 'checkpoint');

    // Inputs, chosen deterministically from the data.
    const owners = dataset.userIds.slice(0, 10);
    const companyIds = (
      await database.pool.query<{ id: string }>(
        `select id from companies where workspace_id = $1 and visibility = 'everyone' and deleted_at is null
         order by id limit 200`,
        [dataset.workspaceId],
      )
    ).rows.map((r) => r.id);
    const words = ['Ha', 'Ber', 'Lind', 'Ols', 'Nord', 'Fjell', 'Vik', 'Sjø', 'Dahl', 'Strand'];
    const terms = Array.from({ length: 50 }, (_, i) => {
      const w = `${words[i % words.length]}${'aeiounrst'[i % 9]}`.toLowerCase();
      return w.slice(0, 2 + (i % 4));
    });
    const cursors = new Map<string, string>();
    for (const o of owners) {
      const first = await api('GET', `/api/v1/contacts?filter=ownerId:eq:${o}&sort=lastName&limit=50`);
      if (first.nextCursor) cursors.set(o, first.nextCursor);
    }

    const results: Result[] = [];
    const measure = async (
      part: (typeof PARTS)[number],
      name: string,
      target: string,
      apiFn: (i: number) => Promise<unknown>,
      sqlFn?: (i: number) => Promise<unknown>,
    ) => {
      if (!wanted(part)) return;
      log(`measuring ${name}`);
      const apiStat = await time(apiFn);
      const sqlStat = sqlFn ? await time(sqlFn) : null;
      results.push({ name, target, api: apiStat, sql: sqlStat });
    };

    const owner = (i: number) => owners[i % owners.length] as string;
    await measure(
      'lists',
      'contact list, first page (one owner, by last name)',
      'p95 ≤ 10 ms, ≤ 2× SQL + 2 ms',
      (i) => api('GET', `/api/v1/contacts?filter=ownerId:eq:${owner(i)}&sort=lastName&limit=50`),
      (i) =>
        listContacts(ctx, { filter: [`ownerId:eq:${owner(i)}`], sort: 'lastName', limit: 50 } as Parameters<
          typeof listContacts
        >[1]),
    );
    await measure(
      'lists',
      'contact list, next page (keyset)',
      'p95 ≤ 10 ms, ≤ 2× SQL + 2 ms',
      (i) =>
        api(
          'GET',
          `/api/v1/contacts?filter=ownerId:eq:${owner(i)}&sort=lastName&limit=50&cursor=${cursors.get(owner(i)) ?? ''}`,
        ),
      (i) =>
        listContacts(ctx, {
          filter: [`ownerId:eq:${owner(i)}`],
          sort: 'lastName',
          limit: 50,
          cursor: cursors.get(owner(i)) || undefined,
        } as Parameters<typeof listContacts>[1]),
    );
    const cf = dataset.categories as CategoryFacts;
    const cfFilter = `cf.${cf.segmentFieldId}:eq:${cf.segmentOptionId}`;
    await measure(
      'lists',
      `company list with a custom-field filter (${cf.companies.toLocaleString('en')} matches, by name)`,
      'p95 ≤ 10 ms, ≤ 2× SQL + 2 ms',
      () => api('GET', `/api/v1/companies?filter=${encodeURIComponent(cfFilter)}&sort=name&limit=50`),
      () => listCompanies(ctx, { filter: [cfFilter], sort: 'name', limit: 50 } as Parameters<typeof listCompanies>[1]),
    );
    await measure(
      'search',
      'global search (50 different 2–5 letter strings)',
      'p95 ≤ 15 ms',
      (i) => api('GET', `/api/v1/search?q=${encodeURIComponent(terms[i % terms.length] as string)}`),
      async (i) => {
        const q = await searchKey(ctx.db, terms[i % terms.length] as string);
        return Promise.all([
          searchCompanies(ctx.db, ctx.workspaceId, q, 10, visibleTo('c', ctx.actor)),
          searchContacts(ctx.db, ctx.workspaceId, q, 10, {
            contact: visibleTo('ct', ctx.actor),
            company: visibleTo('co', ctx.actor),
          }),
        ]);
      },
    );
    const companyAt = (i: number) => companyIds[i % companyIds.length] as string;
    await measure(
      'card',
      'company card (company, its contacts, notes)',
      'p95 ≤ 25 ms',
      (i) =>
        Promise.all([
          api('GET', `/api/v1/companies/${companyAt(i)}`),
          api('GET', `/api/v1/contacts?filter=companyId:eq:${companyAt(i)}&limit=50`),
          api('GET', `/api/v1/notes?entity=company&entityId=${companyAt(i)}&limit=20`),
        ]),
      (i) =>
        Promise.all([
          getCompany(ctx, companyAt(i)),
          listContacts(ctx, { filter: [`companyId:eq:${companyAt(i)}`], sort: 'lastName', limit: 50 } as Parameters<
            typeof listContacts
          >[1]),
          listNotes(ctx, 'company', companyAt(i), 20),
        ]),
    );

    // Activities: one colleague's diary week, their open tasks, the team's targets this week.
    const weekStart = (i: number) => {
      const d = new Date();
      d.setUTCHours(0, 0, 0, 0);
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) - 7 * (i % 4));
      return d;
    };
    const weekOf = (i: number) => {
      const from = weekStart(i);
      return { from: from.toISOString(), to: new Date(from.getTime() + 7 * 86_400_000).toISOString() };
    };
    await measure(
      'activities',
      'diary, one colleague’s week',
      'p95 ≤ 25 ms',
      (i) => {
        const w = weekOf(i);
        return api('GET', `/api/v1/diary?from=${w.from}&to=${w.to}&userIds=${owner(i)}`);
      },
      (i) => diary(ctx, { ...weekOf(i), userIds: owner(i), includeTasks: 'true' } as Parameters<typeof diary>[1]),
    );
    await measure(
      'activities',
      'task list, one colleague’s open tasks by date',
      'p95 ≤ 10 ms, ≤ 2× SQL + 2 ms',
      (i) =>
        api(
          'GET',
          `/api/v1/activities?filter=ownerId:eq:${owner(i)}&filter=kind:eq:task&status=open&sort=start&limit=50`,
        ),
      (i) =>
        listActivities(ctx, {
          filter: [`ownerId:eq:${owner(i)}`, 'kind:eq:task'],
          status: 'open',
          sort: 'start',
          limit: 50,
        } as Parameters<typeof listActivities>[1]),
    );
    const managerCtx = { ...ctx, actor: { ...ctx.actor, role: 'manager' } } as Ctx;
    await measure(
      'activities',
      'dashboard: the team’s activity targets this week',
      'p95 ≤ 25 ms',
      () => managerApi('GET', '/api/v1/activity-targets/team'),
      () => team(managerCtx),
    );

    const created: { id: string; version: number }[] = [];
    await measure('writes', 'create contact', 'p50 ≤ 5 ms', async (i) => {
      const c = await api('POST', '/api/v1/contacts', {
        firstName: 'Bench',
        lastName: `Kontakt ${i}`,
        email: `bench.${i}.${Date.now()}@example.no`,
        companyId: companyAt(i),
      });
      created.push({ id: c.id, version: c.version });
    });
    let u = 0;
    await measure('writes', 'update contact', 'p50 ≤ 5 ms', async () => {
      const c = created[u++ % created.length] as { id: string; version: number };
      const res = await api('PATCH', `/api/v1/contacts/${c.id}`, { version: c.version, title: `Tittel ${u}` });
      c.version = res.version;
    });
    let d = 0;
    await measure('writes', 'delete contact', '—', async () => {
      const c = created[d++];
      if (c) await api('DELETE', `/api/v1/contacts/${c.id}`);
    });

    // CSV import of contacts through the import wizard's API and its background job.
    let importResult: ImportMeasure | null = null;
    if (wanted('import')) {
      const importRows = args['import-rows']
        ? Number(args['import-rows'])
        : smoke
          ? 1000
          : Math.max(1000, Math.round(100_000 * Math.min(scale, 1)));
      log(`measuring CSV import of ${importRows.toLocaleString('en')} contacts`);
      importResult = await measureImport(server.url, dataset.apiKey, importRows);
      importResult.sqlRowsPerSecond = await sqlInsertRowsPerSecond(
        database.pool,
        dataset.workspaceId,
        dataset.actorId,
        importRows,
      );
    }

    if (wanted('writes') || wanted('import')) {
      await removeBenchWrites(superuserDatabaseUrl(dataDir, ports.pgPort), dataset.workspaceId);
    }

    // Throughput under concurrent load.
    const throughput: { name: string; connections: number; rps: number; p99: number; errors: number }[] = [];
    for (const [name, url] of !wanted('throughput')
      ? []
      : ([
          ['contact list', `/api/v1/contacts?filter=ownerId:eq:${owner(0)}&sort=lastName&limit=50`],
          ['search', '/api/v1/search?q=berg'],
        ] as const)) {
      for (const connections of smoke ? [4] : [16, 64]) {
        log(`throughput: ${name}, ${connections} connections, ${duration} s`);
        const r = await autocannon({ url: `${server.url}${url}`, connections, duration, headers });
        throughput.push({
          name,
          connections,
          rps: Math.round(r.requests.average),
          p99: r.latency.p99,
          errors: r.errors + r.non2xx,
        });
      }
    }

    const rss = rssMb(server.pid);
    await database.close().catch(() => {});
    await server.stop();
    let startupMs: number | null = null;
    let rssAfterStart: number | null = null;
    if (wanted('startup')) {
      log('measuring startup with the existing data folder');
      server = await startServer(dataDir, { port: await freePort(), pgPort: ports.pgPort });
      startupMs = Math.round(server.startupMs);
      rssAfterStart = rssMb(server.pid);
      await server.stop();
    }

    const report = {
      date: new Date().toISOString(),
      scale,
      machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      dataset: { companies: dataset.companies, contacts: dataset.contacts, loadSeconds: dataset.loadSeconds },
      operations: results,
      throughput,
      server: { startupMs, rssMbAfterLoad: rss, rssMbAfterStart: rssAfterStart },
      import: importResult,
    };
    process.stdout.write(renderMarkdown(report));
    const out =
      args.out ?? (smoke ? null : path.join(root, 'bench/results', `${report.date.replace(/[:.]/g, '-')}.json`));
    if (out) {
      writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
      log(`wrote ${path.relative(root, out)}`);
    }
  } finally {
    await database.close().catch(() => {});
    await server.stop();
    if (smoke) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
