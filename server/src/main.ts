import pino from 'pino';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { StartupError } from './db/embedded.ts';
import { openRuntime } from './runtime.ts';
import { ensureWebBuilt } from './web-build.ts';

const started = performance.now();
const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });

/** Start-up problems a user can fix are told in one sentence, without a stack trace. */
function fail(err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  log.fatal(message || 'Rapport could not start.');
  process.stderr.write(`\nRapport could not start: ${message}\n`);
  process.exit(1);
}

async function main() {
  const config = loadConfig();
  ensureWebBuilt({ info: (m) => log.info(m) });
  const runtime = await openRuntime(config, { info: (m) => log.info(m), warn: (m) => log.warn(m) });
  const { app } = await buildApp({ config, database: runtime.database, logger: log });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    await app.close().catch(() => {});
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await runtime.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      fail(new Error(`Port ${config.port} is already in use by another program; set PORT to a free port.`));
    }
    throw err;
  }
  const ms = Math.round(performance.now() - started);
  log.info(
    { startupMs: ms, rssMb: Math.round(process.memoryUsage().rss / 1048576) },
    `Rapport is ready at ${config.publicUrl}`,
  );
}

main().catch((err) => {
  if (err instanceof StartupError) fail(err);
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EROFS' || code === 'ENOSPC') {
    fail(new Error(`Rapport cannot write to its data folder (${code}): ${(err as Error).message}`));
  }
  fail(err);
});
