import { ErrorBodySchema } from '@rapport/contracts/common.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Resolved } from './actor.ts';
import type { Ctx, Deps, Permission } from './context.ts';
import { AppError } from './errors.ts';

type Schemas = {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  response: Record<number, z.ZodType>;
};
type Out<T> = T extends z.ZodType ? z.output<T> : undefined;
export type Input<S extends Schemas> = { params: Out<S['params']>; query: Out<S['querystring']>; body: Out<S['body']> };
type Reply<S extends Schemas> = S['response'][keyof S['response']] extends z.ZodType
  ? z.input<S['response'][keyof S['response']]>
  : never;

type Common<S extends Schemas> = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  tags: string[];
  schema: S;
  /** Status of a successful answer; 204 sends no body. */
  status?: number;
};

/** A route of the workspace API: the caller is a member (or API key) whose role must include `permission`. */
export type WorkspaceRoute<S extends Schemas> = Common<S> & {
  permission: Exclude<Permission, 'public' | 'signed-in'>;
  handler: (ctx: Ctx, input: Input<S>, reply: FastifyReply) => Promise<Reply<S> | undefined>;
};

export type OpenCtx = Deps & { caller: Resolved; req: FastifyRequest; log: FastifyRequest['log']; now: Date };

/** A route open to anyone (`public`) or to any signed-in user, member of a workspace or not (`signed-in`). */
export type OpenRoute<S extends Schemas> = Common<S> & {
  permission: 'public' | 'signed-in';
  handler: (ctx: OpenCtx, input: Input<S>, reply: FastifyReply) => Promise<Reply<S> | undefined>;
};

const errorResponses = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  429: ErrorBodySchema,
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every API route declares what the caller must be allowed; the auth hook enforces it. */
    permission?: Permission;
  }
  interface FastifyRequest {
    caller: Resolved;
    ctx: Ctx | null;
  }
}

function register<S extends Schemas>(
  app: FastifyInstance,
  spec: Common<S> & { permission: Permission },
  run: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
) {
  app.withTypeProvider<ZodTypeProvider>().route({
    method: spec.method,
    url: spec.url,
    config: { permission: spec.permission },
    schema: {
      summary: spec.summary,
      tags: spec.tags,
      ...(spec.schema.params ? { params: spec.schema.params } : {}),
      ...(spec.schema.querystring ? { querystring: spec.schema.querystring } : {}),
      ...(spec.schema.body ? { body: spec.schema.body } : {}),
      response: { ...errorResponses, ...spec.schema.response },
      ...(spec.permission === 'public' ? {} : { security: [{ session: [] }, { apiKey: [] }] }),
    },
    handler: async (req, typedReply) => {
      const reply = typedReply as FastifyReply;
      const result = await run(req, reply);
      if (reply.sent) return reply;
      const status = spec.status ?? 200;
      if (status === 204) return reply.status(204).send();
      return reply.status(status).send(result);
    },
  });
}

const input = <S extends Schemas>(req: FastifyRequest) =>
  ({ params: req.params, query: req.query, body: req.body }) as Input<S>;

export function route<S extends Schemas>(app: FastifyInstance, spec: WorkspaceRoute<S>) {
  register(app, spec, async (req, reply) => {
    if (!req.ctx) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    return spec.handler(req.ctx, input<S>(req), reply);
  });
}

export function openRoute<S extends Schemas>(app: FastifyInstance, deps: Deps, spec: OpenRoute<S>) {
  register(app, spec, async (req, reply) => {
    const ctx: OpenCtx = { ...deps, caller: req.caller, req, log: req.log, now: new Date() };
    return spec.handler(ctx, input<S>(req), reply);
  });
}
