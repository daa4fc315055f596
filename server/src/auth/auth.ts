import { betterAuth } from 'better-auth';
import type pg from 'pg';
import type { Config } from '../config.ts';
import { newId } from '../lib/ids.ts';
import type { Mailer } from '../mail/mailer.ts';

/**
 * better-auth owns users, sessions, passwords and verification tokens.
 * Workspaces, members and roles are Rapport's own tables (see modules/workspaces):
 * the active workspace is an extra column on the session.
 */
export function createAuth(pool: pg.Pool, config: Config, mailer: Mailer) {
  return betterAuth({
    database: pool,
    baseURL: config.publicUrl,
    basePath: '/api/auth',
    secret: config.authSecret,
    trustedOrigins: [config.publicUrl, `http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`],
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 3600,
      sendResetPassword: async ({ user, url }) => {
        await mailer.send({
          to: user.email,
          subject: 'Reset your Rapport password',
          text: `Hello ${user.name},\n\nOpen this link within an hour to choose a new password:\n${url}\n\nIf you did not ask for this, ignore this e-mail.`,
        });
      },
    },
    user: { modelName: 'users' },
    account: { modelName: 'accounts' },
    verification: { modelName: 'verifications' },
    session: {
      modelName: 'sessions',
      expiresIn: 60 * 60 * 24 * 14,
      updateAge: 60 * 60 * 24,
      additionalFields: {
        activeWorkspaceId: { type: 'string', required: false, input: false },
      },
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      modelName: 'rate_limits',
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: 20 },
        '/sign-up/email': { window: 60, max: 10 },
        '/request-password-reset': { window: 60, max: 5 },
      },
    },
    advanced: {
      cookiePrefix: 'rapport',
      useSecureCookies: config.publicUrl.startsWith('https://'),
      database: { generateId: () => newId() },
      ipAddress: { ipAddressHeaders: ['x-forwarded-for'] },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
