import type { Duplex } from 'node:stream';
import fastifyWebsocket from '@fastify/websocket';
import type { LiveMessage } from '@rapport/contracts/notifications.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { WebSocket } from 'ws';
import type { DB } from '../../db/schema.ts';
import type { Deps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { liveNotification, unreadCount } from './notifications.service.ts';
import { NOTIFY_CHANNEL } from './notify.ts';

/**
 * Live updates: `GET /api/v1/live` upgraded to a WebSocket. Each app process keeps one PostgreSQL connection that
 * LISTENs on NOTIFY_CHANNEL (opened when the first socket arrives, reopened with a growing delay when it drops)
 * and hands each notification to the sockets of the user it is addressed to. When the listening connection was
 * (re)established every socket is told `resync`, so nothing that happened while it was away stays unseen.
 */

type Conn = {
  socket: WebSocket;
  workspaceId: string;
  userId: string;
  /** The browser session behind a cookie connection: when it ends, the socket is closed. */
  sessionId: string | null;
  alive: boolean;
};

type Log = Pick<FastifyRequest['log'], 'info' | 'warn' | 'error'>;

const CLOSE_GOING_AWAY = 1001;
/** Closed because the session or membership behind it ended. */
export const CLOSE_SIGNED_OUT = 4401;
const PING_MS = 30_000;

export function createLiveHub(opts: { connectionString: string; db: Kysely<DB>; log: Log }) {
  const { db, log } = opts;
  const byUser = new Map<string, Set<Conn>>();
  const key = (workspaceId: string, userId: string) => `${workspaceId}/${userId}`;
  let client: pg.Client | null = null;
  let connecting = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let failures = 0;
  let stopped = false;
  let pinger: NodeJS.Timeout | null = null;

  const send = (c: Conn, msg: LiveMessage) => {
    if (c.socket.readyState === c.socket.OPEN) c.socket.send(JSON.stringify(msg));
  };

  /** The session and membership behind a socket are still valid (checked before anything is sent). */
  async function stillAllowed(c: Conn): Promise<boolean> {
    const member = await db
      .selectFrom('members')
      .select('id')
      .where('workspace_id', '=', c.workspaceId)
      .where('user_id', '=', c.userId)
      .where('deactivated_at', 'is', null)
      .executeTakeFirst();
    if (!member) return false;
    if (!c.sessionId) return true;
    const session = await db
      .selectFrom('sessions')
      .select('id')
      .where('id', '=', c.sessionId)
      .where('expiresAt', '>', new Date())
      .executeTakeFirst();
    return Boolean(session);
  }

  async function deliver(payload: string | undefined) {
    let event: { workspaceId?: string; userId?: string; id?: string; event?: string };
    try {
      event = JSON.parse(payload ?? '');
    } catch {
      return;
    }
    if (!event.workspaceId || !event.userId) return;
    const conns = byUser.get(key(event.workspaceId, event.userId));
    if (!conns || conns.size === 0) return;
    let msg: LiveMessage | null;
    if (event.id) {
      const found = await liveNotification(db, event.workspaceId, event.userId, event.id);
      msg = found ? { type: 'notification', ...found } : null;
    } else {
      msg = { type: 'unread', unread: await unreadCount(db, event.workspaceId, event.userId) };
    }
    if (!msg) return;
    for (const c of [...conns]) {
      if (await stillAllowed(c)) send(c, msg);
      else c.socket.close(CLOSE_SIGNED_OUT, 'Signed out');
    }
  }

  function scheduleReconnect() {
    if (stopped || retryTimer || byUser.size === 0) return;
    const delay = Math.min(30_000, 500 * 2 ** Math.min(failures, 6));
    failures++;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void listen();
    }, delay);
    retryTimer.unref();
  }

  async function listen() {
    if (stopped || client || connecting) return;
    connecting = true;
    const c = new pg.Client({ connectionString: opts.connectionString, application_name: 'rapport-live' });
    let dead = false;
    const drop = (err?: unknown) => {
      if (dead) return;
      dead = true;
      if (err && !stopped) log.warn({ err }, 'live updates: the listening database connection dropped; reconnecting');
      c.removeAllListeners('notification');
      if (client === c) client = null;
      c.end().catch(() => {});
      scheduleReconnect();
    };
    // An error on an idle client (PostgreSQL restarted) must not end the process: reconnect instead.
    c.on('error', drop);
    c.on('end', () => drop());
    c.on('notification', (n) => {
      if (n.channel !== NOTIFY_CHANNEL) return;
      deliver(n.payload).catch((err) => log.error({ err }, 'live updates: delivery failed'));
    });
    try {
      await c.connect();
      await c.query(`listen ${NOTIFY_CHANNEL}`);
      if (dead) return;
      if (stopped) {
        dead = true;
        await c.end().catch(() => {});
        return;
      }
      client = c;
      failures = 0;
      // Whatever was notified before this connection listened may have been missed: every window fetches again.
      for (const conns of byUser.values()) for (const conn of conns) send(conn, { type: 'resync' });
    } catch (err) {
      drop(err);
    } finally {
      connecting = false;
    }
  }

  function startPinging() {
    if (pinger) return;
    // Pings keep proxies from closing idle sockets and find peers that vanished without closing.
    pinger = setInterval(() => {
      for (const conns of byUser.values()) {
        for (const c of conns) {
          if (!c.alive) {
            c.socket.terminate();
            continue;
          }
          c.alive = false;
          c.socket.ping();
        }
      }
    }, PING_MS);
    pinger.unref();
  }

  return {
    add(conn: Conn) {
      const k = key(conn.workspaceId, conn.userId);
      const set = byUser.get(k) ?? new Set<Conn>();
      byUser.set(k, set);
      set.add(conn);
      conn.socket.on('pong', () => {
        conn.alive = true;
      });
      conn.socket.on('close', () => {
        set.delete(conn);
        if (set.size === 0 && byUser.get(k) === set) byUser.delete(k);
      });
      startPinging();
      if (client) send(conn, { type: 'resync' });
      else void listen();
    },
    /** Closes every socket and the listening connection, so the app can close at once. */
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (pinger) clearInterval(pinger);
      for (const conns of byUser.values()) {
        for (const c of conns) {
          c.socket.close(CLOSE_GOING_AWAY, 'Rapport is stopping');
          setTimeout(() => c.socket.terminate(), 500).unref();
        }
      }
      byUser.clear();
      const c = client;
      client = null;
      if (c) await c.end().catch(() => {});
    },
    /** Sockets open in this process (for tests and diagnostics). */
    get size() {
      let n = 0;
      for (const conns of byUser.values()) n += conns.size;
      return n;
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;

/** The origins a browser page of this app can have: a WebSocket opened from any other site is refused. */
function allowedOrigins(deps: Deps): Set<string> {
  const own = new URL(deps.config.publicUrl).origin;
  return new Set([own, `http://localhost:${deps.config.port}`, `http://127.0.0.1:${deps.config.port}`]);
}

export function registerLiveRoute(app: FastifyInstance, deps: Deps, hub: LiveHub) {
  const origins = allowedOrigins(deps);
  // Every connection upgraded (or asking to be) is no longer the HTTP server's: whatever is still open when the
  // app closes — a socket refused with an error answer the client keeps open, say — is ended with it.
  const upgraded = new Set<Duplex>();
  app.server.on('upgrade', (_req, socket: Duplex) => {
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
  });
  app.addHook('onClose', async () => {
    for (const socket of upgraded) socket.destroy();
    upgraded.clear();
  });
  // In its own scope: the websocket plugin wraps the handlers of every route registered next to it.
  void app.register(async (scope) => {
    await scope.register(fastifyWebsocket, {
      options: { maxPayload: 4096 },
      preClose: (done) => {
        hub.stop().then(
          () => done(),
          () => done(),
        );
      },
    });
    scope.route({
      method: 'GET',
      url: '/api/v1/live',
      config: { permission: 'read' },
      schema: { hide: true },
      // The cookie is sent with a WebSocket opened from any site: the Origin header tells a page of ours from another
      // site's (cross-site WebSocket hijacking). Clients that are no browser send no Origin.
      onRequest: async (req) => {
        const origin = req.headers.origin;
        if (origin !== undefined && !origins.has(origin)) {
          throw new AppError('FORBIDDEN', 'Live updates are only for pages of this Rapport');
        }
      },
      // An upgrade refused before the websocket plugin saw it (no session: the auth hook answered) must not leave
      // the connection open: it is no longer the HTTP server's, so closing the app would wait for it.
      onResponse: async (req, reply) => {
        if (reply.statusCode !== 101 && req.headers.upgrade?.toLowerCase() === 'websocket') req.raw.socket?.destroy();
      },
      handler: async () => {
        throw new AppError('VALIDATION', 'Open this address as a WebSocket (live updates of notifications)');
      },
      wsHandler: (socket, req) => {
        const ctx = req.ctx;
        const caller = req.caller;
        if (!ctx || caller.kind !== 'member') {
          socket.close(CLOSE_SIGNED_OUT, 'Sign in first');
          return;
        }
        // Messages from the browser are not expected; the socket only carries news to it.
        socket.on('message', () => {});
        hub.add({
          socket,
          workspaceId: ctx.workspaceId,
          userId: ctx.actor.userId,
          sessionId: caller.viaCookie ? caller.sessionId : null,
          alive: true,
        });
      },
    });
  });
}
