import { z } from 'zod';

/** Record ids are UUIDv7, made by the server. */
export const IdSchema = z.uuid().describe('Record id (UUIDv7)');
export type Id = z.infer<typeof IdSchema>;

export const IdParamsSchema = z.object({ id: IdSchema });

export const TimestampSchema = z.iso.datetime({ offset: true }).describe('ISO 8601 timestamp');

/** The closed set of error codes every route may answer with. */
export const ErrorCodeSchema = z.enum([
  'VALIDATION',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: ErrorCodeSchema,
      message: z.string().describe('A sentence for people'),
      details: z
        .unknown()
        .optional()
        .describe(
          'Field errors (VALIDATION); the current record, or `retry: true` when the same request may be sent again (CONFLICT)',
        ),
    }),
  })
  .describe('Error response');
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** A field error as carried in `details` of a VALIDATION error. */
export type FieldError = { path: string; message: string };

const trimmed = (max: number) => z.string().trim().max(max);
/** Optional text: empty strings become null so "clear this field" is one value. */
export const optionalText = (max: number) =>
  trimmed(max)
    .nullish()
    .transform((v) => (v === '' || v === undefined ? null : v));
export const requiredText = (max: number) => trimmed(max).min(1);

export const EmailValueSchema = z.email().max(254);
export const optionalEmail = z
  .union([z.literal(''), EmailValueSchema])
  .nullish()
  .transform((v) => (v === '' || v === undefined || v === null ? null : v.toLowerCase()));

export const optionalUrl = z
  .string()
  .trim()
  .max(500)
  .nullish()
  .transform((v) => (v === '' || v === undefined ? null : v))
  .refine((v) => v === null || /^(https?:\/\/)?[\w.-]+\.[a-z]{2,}(\/\S*)?$/i.test(v), 'Not a web address');

export const optionalPhone = z
  .string()
  .trim()
  .max(40)
  .nullish()
  .transform((v) => (v === '' || v === undefined ? null : v))
  .refine((v) => v === null || /^\+?[\d\s().-]{3,}$/.test(v), 'Not a phone number');

export const CountrySchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Two-letter country code such as NO, SE, DK, FI')
  .describe('ISO 3166-1 alpha-2 country code');

export const VersionSchema = z
  .number()
  .int()
  .min(1)
  .describe('The version the change is based on (optimistic locking)');

/** Filter operators accepted by `?filter=field:operator:value`. */
export const FilterOperatorSchema = z.enum([
  'eq',
  'ne',
  'contains',
  'startsWith',
  'gt',
  'gte',
  'lt',
  'lte',
  'empty',
  'notEmpty',
]);
export type FilterOperator = z.infer<typeof FilterOperatorSchema>;
export type Filter = { field: string; op: FilterOperator; value: string };

/** The kinds of filterable fields, and the operators each accepts (server and web share this table). */
export type FilterFieldKind = 'text' | 'uuid' | 'enum' | 'timestamp' | 'number';
export const filterOperatorsByKind: Record<FilterFieldKind, readonly FilterOperator[]> = {
  text: ['eq', 'ne', 'contains', 'startsWith', 'empty', 'notEmpty'],
  uuid: ['eq', 'ne', 'empty', 'notEmpty'],
  enum: ['eq', 'ne', 'empty', 'notEmpty'],
  timestamp: ['eq', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'],
};

const filterParam = z
  .string()
  .max(500)
  .describe('field:operator:value, for example `type:eq:customer` or `name:contains:nord`; repeat to combine (AND)');

/** Query string of every list route. `sort` and `filter` fields are checked against the route's allowlist. */
export const listQuery = <S extends readonly [string, ...string[]]>(sortFields: S) =>
  z
    .object({
      limit: z.coerce.number().int().min(1).max(500).default(50).describe('Page size, 1–500'),
      cursor: z.string().max(1000).optional().describe('Opaque cursor from `nextCursor` of the previous page'),
      sort: z
        .enum([...sortFields, ...sortFields.map((f) => `-${f}`)] as [string, ...string[]])
        .optional()
        .describe(`Sort field, \`-\` prefix for descending. One of: ${sortFields.join(', ')}`),
      filter: z.union([filterParam, z.array(filterParam).max(20)]).optional(),
      q: z.string().max(200).optional().describe('Substring search within this list'),
      deleted: z.enum(['true', 'false']).optional().describe('`true` lists the trash (soft-deleted records) instead'),
    })
    .strict();

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page'),
  });

export type Page<T> = { items: T[]; nextCursor: string | null };

export const OkSchema = z.object({ ok: z.literal(true) });

export const VisibilitySchema = z
  .enum(['everyone', 'owner'])
  .describe('"owner": only the owner (and administrators) can see the record');
export type Visibility = z.infer<typeof VisibilitySchema>;
