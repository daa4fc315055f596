import type { ErrorBody, ErrorCode, FieldError } from '@rapport/contracts/common.ts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

/** The one error type services throw. The code decides the HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this') => new AppError('FORBIDDEN', message);
export const invalid = (path: string, message: string) =>
  new AppError('VALIDATION', message, [{ path, message }] satisfies FieldError[]);

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'INTERNAL';
  return 'VALIDATION';
}

/** PostgreSQL errors that bad input can still reach (a value out of range, say) are the client's fault, not ours. */
function fromPostgres(err: { code?: string; message: string }): AppError | null {
  switch (err.code) {
    case '22P02':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22021':
    case '23514':
      return new AppError('VALIDATION', 'A value is not valid for this field');
    case '23503':
      return new AppError('VALIDATION', 'A linked record does not exist');
    case '23505':
      return new AppError('CONFLICT', 'A record with this value already exists');
    // Conflicts that go away by themselves: `retry` tells the client that the same request may simply be sent again.
    case '40001':
    case '40P01':
      return new AppError('CONFLICT', 'The record was changed at the same time; try again', { retry: true });
    case '55P03':
      return new AppError('CONFLICT', 'The records are being changed right now; try again in a moment', {
        retry: true,
      });
    default:
      return null;
  }
}

export function handleError(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    return reply.status(STATUS[err.code]).send(errorBody(err.code, err.message, err.details));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details: FieldError[] = err.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
      message: v.message ?? 'Invalid value',
    }));
    return reply
      .status(400)
      .send(
        errorBody('VALIDATION', `Invalid ${err.validationContext ?? 'request'}: ${details[0]?.message ?? ''}`, details),
      );
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err }, 'response did not match its contract');
    return reply.status(500).send(errorBody('INTERNAL', 'Something went wrong on the server'));
  }
  const pgErr = fromPostgres(err as { code?: string; message: string });
  if (pgErr) return reply.status(STATUS[pgErr.code]).send(errorBody(pgErr.code, pgErr.message, pgErr.details));
  const status = (err as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    const code = codeForStatus(status);
    const message = status === 413 ? 'The request body is too large' : err.message || 'Bad request';
    return reply.status(status).send(errorBody(code, message));
  }
  // A full disk (files in DATA_DIR, or the database's own disk): said plainly, nothing half-saved.
  const errno = (err as NodeJS.ErrnoException).code;
  if (errno === 'ENOSPC' || errno === 'EDQUOT' || errno === '53100') {
    req.log.error({ err }, 'disk full');
    // The rest of an upload is read and dropped, so the client gets to read the answer.
    req.raw.unpipe();
    req.raw.resume();
    return reply
      .status(507)
      .send(
        errorBody(
          'INTERNAL',
          'The server has run out of disk space; nothing was saved. Ask your administrator to free space, then try again.',
        ),
      );
  }
  // The multipart parser (busboy) throws plain errors for a body that is not the multipart it claims.
  if (
    /^(Unexpected end of (multipart|form) data|Multipart: Boundary not found|Malformed part header)/.test(err.message)
  ) {
    return reply.status(400).send(errorBody('VALIDATION', 'The upload is not complete multipart/form-data'));
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send(errorBody('INTERNAL', 'Something went wrong on the server'));
}
