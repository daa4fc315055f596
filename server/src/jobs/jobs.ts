import type { Kysely } from 'kysely';
import { fromKysely, type Job, PgBoss, type Queue } from 'pg-boss';
import type { Logger } from 'pino';
import type { DB } from '../db/schema.ts';

/**
 * Background jobs on pg-boss, in the application's own database (schema `pgboss`, created by pg-boss
 * on first start; the application role owns the database, which is all pg-boss needs). Modules define
 * their queues and handlers before start; the app starts the queues with the server and stops them
 * when it closes, letting a running handler finish its current step.
 */

export type JobHandler<T> = (job: Job<T>, info: { retryCount: number; retryLimit: number }) => Promise<void>;

type Definition = { queue: Omit<Queue, 'name'>; handler: JobHandler<never> };

export type Jobs = {
  /** Declares a queue and its handler; call before `start`. */
  define<T extends object>(name: string, queue: Omit<Queue, 'name'>, handler: JobHandler<T>): void;
  /**
   * Queues a job; with `db` (a Kysely transaction) it is queued only when that transaction commits. `startAfter`
   * defers it; `singletonKey` (on a queue whose policy honours it) makes a second send of the same key a no-op (null).
   */
  send(
    name: string,
    data: object,
    opts?: { db?: Kysely<DB>; startAfter?: Date; singletonKey?: string },
  ): Promise<string | null>;
  /** Wakes the local worker of a queue so a job sent by this process starts without waiting for a poll. */
  wake(name: string): void;
  /** True once `stop` was called: long handlers end their current step and hand the job back. */
  readonly stopping: boolean;
  readonly started: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
};

export type JobsOptions = {
  connectionString: string;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Seconds between polls when no job was woken locally. */
  pollingIntervalSeconds?: number;
  /** How long `stop` waits for running handlers. */
  stopTimeoutMs?: number;
};

export function createJobs(opts: JobsOptions): Jobs {
  const definitions = new Map<string, Definition>();
  const workers = new Map<string, string>();
  let boss: PgBoss | null = null;
  let stopping = false;

  const jobs: Jobs = {
    define(name, queue, handler) {
      if (boss) throw new Error(`Queue ${name} must be defined before the jobs start`);
      definitions.set(name, { queue, handler: handler as JobHandler<never> });
    },
    async send(name, data, sendOpts = {}) {
      if (!boss) throw new Error('Background jobs are not running');
      const db = sendOpts.db ? fromKysely(sendOpts.db as unknown as Parameters<typeof fromKysely>[0]) : undefined;
      const timing = {
        ...(sendOpts.startAfter ? { startAfter: sendOpts.startAfter } : {}),
        ...(sendOpts.singletonKey ? { singletonKey: sendOpts.singletonKey } : {}),
      };
      return boss.send(name, data, db ? { db, ...timing } : timing);
    },
    wake(name) {
      const id = workers.get(name);
      if (boss && id) boss.notifyWorker(id);
    },
    get stopping() {
      return stopping;
    },
    get started() {
      return boss !== null;
    },
    async start() {
      if (boss) return;
      const instance = new PgBoss({
        connectionString: opts.connectionString,
        schema: 'pgboss',
        max: 3,
        application_name: 'rapport-jobs',
        openTelemetry: { enabled: false },
      });
      instance.on('error', (err) => opts.log.error({ err }, 'background jobs: database error'));
      instance.on('warning', (w) => opts.log.warn({ warning: w }, 'background jobs: warning'));
      await instance.start();
      stopping = false;
      for (const [name, def] of definitions) {
        await instance.createQueue(name, def.queue);
        const id = await instance.work<object>(
          name,
          { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2, includeMetadata: true, batchSize: 1 },
          async ([job]) => {
            if (!job) return;
            const meta = job as typeof job & { retryLimit?: number };
            await def.handler(job as never, { retryCount: job.retryCount, retryLimit: meta.retryLimit ?? 0 });
          },
        );
        workers.set(name, id);
      }
      boss = instance;
    },
    async stop() {
      if (!boss) return;
      stopping = true;
      const instance = boss;
      boss = null;
      workers.clear();
      await instance.stop({ graceful: true, timeout: opts.stopTimeoutMs ?? 15_000 });
    },
  };
  return jobs;
}
