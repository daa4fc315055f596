import type { FastifyInstance } from 'fastify';
import type { Auth } from '../auth/auth.ts';
import { resolveCaller } from './actor.ts';
import { type Deps, roleAllows } from './context.ts';
import { AppError } from './errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Runs before body parsing on every API route: identifies the caller, enforces the route's permission,
 * and for cookie-authenticated writes requires the `x-requested-with: rapport` header, which a
 * cross-site form or a simple cross-origin fetch cannot send (CSRF protection).
 */
export function installAuthHook(app: FastifyInstance, deps: Deps, auth: Auth) {
  app.decorateRequest('caller', { getter: () => ({ kind: 'none' as const }) });
  app.decorateRequest('ctx', null);
  app.addHook('onRequest', async (req) => {
    const permission = req.routeOptions.config?.permission;
    if (!permission || permission === 'public') return;
    const caller = await resolveCaller(req, deps.db, auth);
    Object.defineProperty(req, 'caller', { value: caller, writable: true });
    if (caller.kind === 'none') throw new AppError('UNAUTHENTICATED', 'Sign in or send a valid API key');
    const viaCookie = caller.kind === 'user-only' || caller.viaCookie;
    if (viaCookie && !SAFE_METHODS.has(req.method) && req.headers['x-requested-with'] !== 'rapport') {
      throw new AppError('FORBIDDEN', 'Missing the x-requested-with header required for cookie-authenticated changes');
    }
    if (permission === 'signed-in') return;
    if (caller.kind !== 'member') throw new AppError('FORBIDDEN', 'You are not a member of any workspace');
    if (!roleAllows(caller.actor.role, permission)) {
      throw new AppError('FORBIDDEN', `Your role (${caller.actor.role}) does not allow this`);
    }
    req.ctx = {
      db: deps.db,
      planOnce: deps.planOnce,
      actor: caller.actor,
      workspaceId: caller.workspaceId,
      log: req.log,
      now: new Date(),
      mailer: deps.mailer,
      config: deps.config,
    };
  });
}
