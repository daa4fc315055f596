import { fromNodeHeaders } from 'better-auth/node';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Deps } from '../http/context.ts';
import { errorBody } from '../http/errors.ts';
import type { Auth } from './auth.ts';

/**
 * better-auth answers everything under /api/auth (sign-up, sign-in, sign-out, password reset).
 * Around sign-in Rapport adds a lockout: after SIGN_IN_MAX_FAILURES wrong passwords for one
 * e-mail address, sign-in for it is refused for SIGN_IN_LOCK_MINUTES.
 */
export function registerAuthRoutes(app: FastifyInstance, deps: Deps, auth: Auth) {
  const { db, config } = deps;

  async function lockedFor(email: string): Promise<number> {
    const row = await db
      .selectFrom('sign_in_failures')
      .select('locked_until')
      .where('email', '=', email)
      .executeTakeFirst();
    const until = row?.locked_until?.getTime() ?? 0;
    return Math.max(0, Math.ceil((until - Date.now()) / 60_000));
  }

  async function recordFailure(email: string) {
    const lockMinutes = config.signInLockMinutes;
    await sql`
      insert into sign_in_failures as f (email, failures, first_failure_at)
      values (${email}, 1, now())
      on conflict (email) do update set
        failures = case when f.first_failure_at < now() - make_interval(mins => ${lockMinutes}) then 1 else f.failures + 1 end,
        first_failure_at = case when f.first_failure_at < now() - make_interval(mins => ${lockMinutes}) then now() else f.first_failure_at end,
        locked_until = case
          when f.first_failure_at >= now() - make_interval(mins => ${lockMinutes}) and f.failures + 1 >= ${config.signInMaxFailures}
          then now() + make_interval(mins => ${lockMinutes}) else f.locked_until end
    `.execute(db);
  }

  async function forward(req: FastifyRequest, reply: FastifyReply) {
    const url = new URL(req.url, config.publicUrl);
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && req.body !== undefined;
    const headers = fromNodeHeaders(req.headers);
    headers.delete('content-length');
    const response = await auth.handler(
      new Request(url, { method: req.method, headers, body: hasBody ? JSON.stringify(req.body) : undefined }),
    );
    reply.status(response.status);
    for (const [key, value] of response.headers) {
      if (key !== 'set-cookie' && key !== 'content-length' && key !== 'content-encoding') reply.header(key, value);
    }
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) reply.header('set-cookie', cookies);
    const text = await response.text();
    return { status: response.status, text };
  }

  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    config: { permission: 'public' },
    schema: { hide: true },
    handler: async (req, reply) => {
      const signIn = req.method === 'POST' && req.url.split('?')[0] === '/api/auth/sign-in/email';
      const email =
        signIn && typeof (req.body as { email?: unknown } | undefined)?.email === 'string'
          ? (req.body as { email: string }).email.trim().toLowerCase()
          : null;
      if (email) {
        const minutes = await lockedFor(email);
        if (minutes > 0) {
          return reply
            .status(429)
            .send(errorBody('RATE_LIMITED', `Too many failed sign-ins. Try again in ${minutes} minute(s).`));
        }
      }
      const { status, text } = await forward(req, reply);
      if (email && status === 401) await recordFailure(email);
      if (email && status === 200) await db.deleteFrom('sign_in_failures').where('email', '=', email).execute();
      return reply.send(text === '' ? undefined : text);
    },
  });
}
