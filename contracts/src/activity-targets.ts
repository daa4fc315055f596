import { z } from 'zod';
import { IdSchema, TimestampSchema, VersionSchema } from './common.ts';

/** What a weekly target counts: done calls, meetings or tasks, or the points of done activities. */
export const TargetMetricSchema = z.enum(['calls', 'meetings', 'tasks', 'points']);
export type TargetMetric = z.infer<typeof TargetMetricSchema>;
export const TARGET_METRICS = TargetMetricSchema.options;

const target = z.number().int().min(0).max(100000).nullable();
const Targets = z
  .object({ calls: target, meetings: target, tasks: target, points: target })
  .describe('Weekly targets; null: no target');
export type Targets = z.infer<typeof Targets>;

export const UserTargetsSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  targets: Targets,
  version: z.number().int().describe('Send it back when changing these targets'),
  updatedAt: TimestampSchema.nullable(),
});
export type UserTargets = z.infer<typeof UserTargetsSchema>;
export const UserTargetsListSchema = z.object({ items: z.array(UserTargetsSchema) });

export const TargetsPutSchema = z
  .object({
    userId: IdSchema,
    version: VersionSchema,
    targets: z
      .object({ calls: target, meetings: target, tasks: target, points: target })
      .partial()
      .strict()
      .describe('The targets to set; a metric left out keeps its target, null removes it'),
  })
  .strict();
export type TargetsPut = z.infer<typeof TargetsPutSchema>;

/** Done activities of one ISO week (Monday to Sunday in the user's time zone). */
export const WeekRealizedSchema = z.object({
  weekStart: z.string().describe('The Monday, YYYY-MM-DD'),
  week: z.number().int().describe('ISO week number'),
  from: TimestampSchema,
  to: TimestampSchema,
  calls: z.number().int(),
  meetings: z.number().int(),
  tasks: z.number().int(),
  points: z.number().int(),
});
export type WeekRealized = z.infer<typeof WeekRealizedSchema>;

export const TargetProgressQuerySchema = z
  .object({
    userId: IdSchema.optional().describe('Default: the caller. Others only for managers and administrators'),
    weeks: z.coerce.number().int().min(1).max(52).default(8),
  })
  .strict();
export type TargetProgressQuery = z.input<typeof TargetProgressQuerySchema>;

export const TargetProgressSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  timeZone: z.string(),
  targets: Targets,
  weeks: z.array(WeekRealizedSchema).describe('Oldest first; the last one is the current week'),
});
export type TargetProgress = z.infer<typeof TargetProgressSchema>;

export const TeamProgressSchema = z.object({
  items: z.array(
    z.object({
      userId: IdSchema,
      name: z.string(),
      targets: Targets,
      current: WeekRealizedSchema.describe('This week in the member’s time zone'),
    }),
  ),
});
export type TeamProgress = z.infer<typeof TeamProgressSchema>;
