import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { registerAuthRoutes } from './auth/auth.routes.ts';
import { createAuth } from './auth/auth.ts';
import type { Config } from './config.ts';
import type { Database } from './db/pool.ts';
import type { DB } from './db/schema.ts';
import { installAuthHook } from './http/auth-hook.ts';
import type { Deps } from './http/context.ts';
import { errorBody, handleError } from './http/errors.ts';
import { responseSerializer } from './http/serializer.ts';
import { createJobs } from './jobs/jobs.ts';
import { newId } from './lib/ids.ts';
import { createMailer } from './mail/mailer.ts';
import { registerActivityRoutes } from './modules/activities/activities.routes.ts';
import { registerActivityTargetRoutes } from './modules/activity-targets/activity-targets.routes.ts';
import { registerActivityTypeRoutes } from './modules/activity-types/activity-types.routes.ts';
import { registerAuditRoutes } from './modules/audit/audit.routes.ts';
import { registerBulkRoutes } from './modules/bulk/bulk.routes.ts';
import { registerCalendarRoutes } from './modules/calendar/calendar.routes.ts';
import { registerCategoryRoutes } from './modules/categories/categories.routes.ts';
import { registerCompanyRoutes } from './modules/companies/companies.routes.ts';
import { registerContactRoutes } from './modules/contacts/contacts.routes.ts';
import { registerDiaryRoutes } from './modules/diary/diary.routes.ts';
import { registerDocumentRoutes } from './modules/documents/documents.routes.ts';
import { registerExportRoutes } from './modules/export/export.routes.ts';
import { defineImportJob, resumeInterruptedImports } from './modules/imports/import-job.ts';
import { registerImportRoutes } from './modules/imports/imports.routes.ts';
import { registerNoteRoutes } from './modules/notes/notes.routes.ts';
import { registerNotificationRoutes } from './modules/notifications/notifications.routes.ts';
import { registerPreferenceRoutes } from './modules/preferences/preferences.routes.ts';
import { registerRegistryRoutes } from './modules/registries/registries.routes.ts';
import { registerRelationRoutes } from './modules/relations/relations.routes.ts';
import { registerResourceRoutes } from './modules/resources/resources.routes.ts';
import { registerSearchRoutes } from './modules/search/search.routes.ts';
import { registerSystemRoutes } from './modules/system/system.routes.ts';
import { registerVcardRoutes } from './modules/vcard/vcard.routes.ts';
import { registerViewRoutes } from './modules/views/views.routes.ts';
import { registerWorkspaceRoutes } from './modules/workspaces/workspaces.routes.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export type AppOptions = {
  config: Config;
  database: Database;
  logger?: Logger | boolean;
  serveWeb?: boolean;
  /** Background jobs start with the server and stop when it closes; off where nothing may run (the OpenAPI writer). */
  jobs?: boolean;
};

/** Builds the whole HTTP application; `main.ts` only adds the database lifecycle and `listen`. */
export async function buildApp({ config, database, logger, serveWeb = true, jobs: runJobs = true }: AppOptions) {
  const app = Fastify({
    loggerInstance: typeof logger === 'object' ? logger : undefined,
    logger: typeof logger === 'object' ? undefined : logger === false ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    genReqId: () => newId(),
    requestIdHeader: false,
    trustProxy: false,
    // A URL with bytes that are no UTF-8 (e.g. %ED%A0%80) answers like any other bad request.
    frameworkErrors: (err, _req, reply) => {
      const message = err.code === 'FST_ERR_BAD_URL' ? 'The address is not valid' : err.message;
      void (reply as unknown as FastifyReply).status(400).send(errorBody('VALIDATION', message));
    },
    // Requests Node's parser refuses before Fastify sees them (an over-long URL or header, a broken
    // request line) still get the error body of every other answer.
    clientErrorHandler: (err: Error & { code?: string }, socket) => {
      if (!socket.writable) return;
      const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
      const status = tooLarge ? 431 : 400;
      const body = JSON.stringify(
        errorBody(
          'VALIDATION',
          tooLarge ? 'The request line or headers are too long' : 'The request could not be read as HTTP',
        ),
      );
      socket.end(
        `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer({ check: config.checkResponses }));
  app.setErrorHandler(handleError);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // Closing waits for requests in flight, but a client that keeps an idle connection open must not
  // hold a shutdown for the 72 s keep-alive: after a short grace period every connection is closed.
  app.addHook('preClose', async () => {
    setTimeout(() => app.server.closeAllConnections(), 2000).unref();
  });

  const db: Kysely<DB> = database.db;
  const mailer = createMailer(db, app.log as unknown as Logger, config.smtpUrl, config.mailFrom);
  const auth = createAuth(database.pool, config, mailer);
  const deps: Deps = { db, planOnce: database.planOnce, mailer, config, auth };

  // Background jobs (pg-boss, schema `pgboss` in the same database): started once the app is ready.
  const jobs = createJobs({
    connectionString: String(database.pool.options.connectionString),
    log: app.log as unknown as Logger,
  });
  defineImportJob(jobs, { db, dataDir: config.dataDir, log: app.log as unknown as Logger });
  if (runJobs) {
    app.addHook('onReady', async () => {
      await jobs.start();
      const resumed = await resumeInterruptedImports(db, jobs);
      if (resumed > 0) app.log.info(`resuming ${resumed} import(s) left unfinished by an earlier run`);
    });
    app.addHook('onClose', async () => {
      await jobs.stop();
    });
  }

  // Every /api route must say who may call it; a route without a permission fails at start-up.
  const routes: { method: string; url: string; permission: string | undefined }[] = [];
  app.addHook('onRoute', (opts) => {
    // The readable API docs (swagger-ui's own routes) are public by declaration.
    if (opts.url === '/api/docs' || opts.url.startsWith('/api/docs/')) {
      opts.config = { ...opts.config, permission: 'public' };
    }
    if (opts.url.startsWith('/api/') && !opts.config?.permission) {
      throw new Error(`Route ${opts.method} ${opts.url} declares no permission`);
    }
    for (const method of [opts.method].flat())
      routes.push({ method, url: opts.url, permission: opts.config?.permission });
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
  });
  await app.register(fastifyCookie);
  if (config.rateLimitPerMinute > 0) {
    await app.register(fastifyRateLimit, {
      max: config.rateLimitPerMinute,
      timeWindow: '1 minute',
      keyGenerator: (req) => req.headers.authorization?.slice(0, 40) ?? req.ip,
      errorResponseBuilder: (_req, ctx) => ({
        statusCode: 429,
        ...errorBody('RATE_LIMITED', `Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s`),
      }),
    });
  }

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Rapport API',
        version: '1',
        description:
          'REST API of Rapport. Authenticate with `Authorization: Bearer <api key>` (created by an administrator), or with the session cookie of the web app (writes then need the header `x-requested-with: rapport`). Errors are `{"error":{"code","message","details"}}`.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'rapport.session_token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/v1/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  installAuthHook(app, deps, auth);
  registerAuthRoutes(app, deps, auth);
  registerSystemRoutes(app, deps);
  registerWorkspaceRoutes(app, deps);
  registerCompanyRoutes(app);
  registerContactRoutes(app);
  registerSearchRoutes(app);
  registerAuditRoutes(app);
  registerNoteRoutes(app);
  registerRegistryRoutes(app, config);
  registerBulkRoutes(app);
  registerImportRoutes(app, jobs);
  registerDocumentRoutes(app);
  registerVcardRoutes(app);
  registerExportRoutes(app);
  registerViewRoutes(app);
  registerCategoryRoutes(app);
  registerRelationRoutes(app);
  registerNotificationRoutes(app, deps, { jobs, connectionString: String(database.pool.options.connectionString) });
  registerPreferenceRoutes(app);
  registerActivityTypeRoutes(app);
  registerActivityTargetRoutes(app);
  registerActivityRoutes(app);
  registerDiaryRoutes(app);
  registerResourceRoutes(app);
  registerCalendarRoutes(app, deps);

  if (serveWeb && existsSync(path.join(WEB_DIST, 'index.html'))) {
    // Hashed bundles under /assets never change: cache them for a year. index.html names the current
    // bundles, so the browser must revalidate it on every visit (it is served by the not-found handler).
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders(res: unknown, filePath: string) {
        // @fastify/static hands over the Fastify reply here (its types still say ServerResponse).
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        (res as { header(name: string, value: string): void }).header(
          'cache-control',
          immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !serveWeb || !existsSync(path.join(WEB_DIST, 'index.html'))) {
      return reply.status(404).send(errorBody('NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`));
    }
    // The web app routes in the browser: every other GET answers with its index.html.
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
  });

  return { app, deps, auth, routes, jobs };
}
