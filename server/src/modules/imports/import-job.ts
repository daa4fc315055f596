import type { ImportEntity, ImportMapping } from '@rapport/contracts/imports.ts';
import type { Role } from '@rapport/contracts/workspaces.ts';
import { type Kysely, sql } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../db/schema.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import { companyBatch, contactBatch } from './import-batch.ts';
import { checkMapping } from './import-mapping.ts';
import { revertImport } from './import-undo.ts';
import { IMPORT_QUEUE, readStoredFile } from './imports.service.ts';
import * as q from './imports.sql.ts';

/**
 * Rows per transaction, and how often a failing batch is tried again before the import fails for good.
 * Tests lower them to see several batches in a small file and a final failure in seconds.
 */
export const importTuning = { batchSize: 2000, retryLimit: 8 };

type JobData = { workspaceId: string; importId: string };
type Deps = { db: Kysely<DB>; dataDir: string; log: Pick<Logger, 'info' | 'warn' | 'error'> };

class Stopping extends Error {}

/**
 * Runs an import in batches, each in its own transaction together with the import's progress and the
 * row the next batch starts at. A job that stops (the process ends, the database goes away, a batch
 * fails) is retried by pg-boss and resumes at the first row that was not committed.
 */
export async function processImport(deps: Deps, jobs: Pick<Jobs, 'stopping'>, data: JobData): Promise<void> {
  const { db } = deps;
  const row = await q.selectImport(db, data.workspaceId, data.importId);
  if (!row || (row.status !== 'queued' && row.status !== 'running')) return;
  const member = await sql<{ role: Role }>`
    select role from members where workspace_id = ${data.workspaceId} and user_id = ${row.created_by}`.execute(db);
  const role = member.rows[0]?.role;
  if (!role) {
    await finish(db, data, 'failed', 'The user who started the import is no longer a member of the workspace');
    return;
  }
  const actor = { userId: row.created_by, role, kind: row.actor_kind as 'user' | 'api_key' };
  const parsed = await readStoredFile(deps.dataDir, row);
  const entity = row.entity as ImportEntity;
  const byField = checkMapping(entity, parsed.columns, row.mapping as ImportMapping);
  const batch = entity === 'company' ? companyBatch : contactBatch;
  if (row.status === 'queued') await q.updateImport(db, data.workspaceId, data.importId, { status: 'running' });

  for (;;) {
    if (jobs.stopping) throw new Stopping('Rapport is stopping; the import goes on at the next start');
    const done = await db.transaction().execute(async (trx) => {
      // The lock keeps two workers from taking the same rows; the committed next_row says where to go on.
      const current = await q.selectImport(trx, data.workspaceId, data.importId, { forUpdate: true });
      if (current?.status !== 'running') return true;
      const start = current.next_row;
      if (start >= parsed.rows.length) return true;
      const rows = parsed.rows.slice(start, start + importTuning.batchSize);
      const { outcomes, counts } = await batch({
        db: trx,
        workspaceId: data.workspaceId,
        actor,
        importId: data.importId,
        rule: (current.duplicate_rule ?? 'skip') as 'skip' | 'update' | 'create',
        defaultCountry: current.default_country,
        byField,
        rows,
        write: true,
      });
      await q.insertImportErrors(
        trx,
        data.workspaceId,
        data.importId,
        outcomes.filter((o) => o.action === 'error'),
      );
      await q.addBatchProgress(trx, data.workspaceId, data.importId, { nextRow: start + rows.length, ...counts });
      return false;
    });
    if (done) break;
  }
  await finish(db, data, 'done', null);
}

async function finish(db: Kysely<DB>, data: JobData, status: 'done' | 'failed', error: string | null) {
  await sql`update imports set status = ${status}, error = ${error}, finished_at = now()
    where workspace_id = ${data.workspaceId} and id = ${data.importId} and status in ('queued', 'running')`.execute(db);
}

/**
 * An import that fails for good leaves nothing behind: in one transaction, what its committed batches
 * wrote is taken back (records it created go to the trash, updated fields get their values back) and
 * it is marked failed with the reason.
 */
async function failWhole(db: Kysely<DB>, data: JobData, error: string) {
  await db.transaction().execute(async (trx) => {
    const current = await q.selectImport(trx, data.workspaceId, data.importId, { forUpdate: true });
    if (!current || (current.status !== 'queued' && current.status !== 'running')) return;
    const summary = await revertImport(trx, data.workspaceId, current, { userId: current.created_by, kind: 'system' });
    await q.updateImport(trx, data.workspaceId, data.importId, {
      status: 'failed',
      error,
      finished_at: sql`now()`,
      undo_summary: JSON.stringify(summary),
    });
  });
}

/**
 * Imports that a process left running when it ended without handing its job back (kill -9, power
 * loss) are queued again when the next one starts, instead of waiting for pg-boss to notice the
 * missing heartbeat. Two workers on one import are safe: each batch locks the import row and starts at
 * the committed next row.
 */
export async function resumeInterruptedImports(db: Kysely<DB>, jobs: Pick<Jobs, 'send' | 'wake'>): Promise<number> {
  const { rows } = await sql<{ workspace_id: string; id: string }>`
    select workspace_id, id from imports where status in ('queued', 'running')`.execute(db);
  for (const r of rows) await jobs.send(IMPORT_QUEUE, { workspaceId: r.workspace_id, importId: r.id });
  if (rows.length > 0) jobs.wake(IMPORT_QUEUE);
  return rows.length;
}

export function defineImportJob(jobs: Jobs, deps: Deps) {
  jobs.define<JobData>(
    IMPORT_QUEUE,
    {
      retryLimit: importTuning.retryLimit,
      retryDelay: 2,
      retryBackoff: true,
      retryDelayMax: 300,
      expireInSeconds: 3600,
      heartbeatSeconds: 30,
    },
    async (job, info) => {
      try {
        await processImport(deps, jobs, job.data);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const last = info.retryCount >= info.retryLimit && !(err instanceof Stopping);
        if (!(err instanceof Stopping)) deps.log.error({ err, importId: job.data.importId }, 'import batch failed');
        if (last) await failWhole(deps.db, job.data, message);
        else {
          await sql`update imports set error = ${message}
            where workspace_id = ${job.data.workspaceId} and id = ${job.data.importId}`.execute(deps.db);
        }
        throw err;
      }
    },
  );
}
