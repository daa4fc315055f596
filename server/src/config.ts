import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Environment, parsed once. Every default works out of the box on a laptop. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  PG_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Rapport <rapport@localhost>'),
  AUTH_SECRET: z.string().min(32).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(6000),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  SIGN_IN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  DB_POOL_SIZE: z.coerce.number().int().min(1).default(10),
  BRREG_URL: z.string().url().default('https://data.brreg.no/enhetsregisteret/api'),
  PRH_URL: z.string().url().default('https://avoindata.prh.fi/opendata-ytj-api/v3'),
  REGISTRY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  CHECK_RESPONSES: z.enum(['0', '1']).default('0'),
  DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(25 * 1024 * 1024),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  pgPort: number;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  authSecret: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  bodyLimit: number;
  rateLimitPerMinute: number;
  signInMaxFailures: number;
  signInLockMinutes: number;
  dbPoolSize: number;
  /** Base URLs of the national business registries, and how long to wait for them. */
  registries: { brregUrl: string; prhUrl: string; timeoutMs: number };
  /** Largest file a document upload may be, in bytes. */
  documentMaxBytes: number;
  /** Also checks every answer against its Zod contract (the tests turn it on; it costs time per request). */
  checkResponses: boolean;
};

/** The auth secret signs session cookies: generated once and kept in the data folder unless AUTH_SECRET is set. */
function authSecret(dataDir: string, given: string | undefined): string {
  if (given) return given;
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Configuration error in ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    pgPort: e.PG_PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    authSecret: authSecret(dataDir, e.AUTH_SECRET),
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    signInMaxFailures: e.SIGN_IN_MAX_FAILURES,
    signInLockMinutes: e.SIGN_IN_LOCK_MINUTES,
    dbPoolSize: e.DB_POOL_SIZE,
    registries: {
      brregUrl: e.BRREG_URL.replace(/\/$/, ''),
      prhUrl: e.PRH_URL.replace(/\/$/, ''),
      timeoutMs: e.REGISTRY_TIMEOUT_MS,
    },
    documentMaxBytes: e.DOCUMENT_MAX_BYTES,
    checkResponses: e.CHECK_RESPONSES === '1',
  };
}
