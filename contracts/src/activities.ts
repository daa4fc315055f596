import { z } from 'zod';
import { IdSchema, listQuery, optionalText, pageOf, TimestampSchema, VersionSchema } from './common.ts';

/** What an activity is; every activity type (built-in or an administrator's) is one of these kinds. */
export const ActivityKindSchema = z.enum(['task', 'call', 'meeting']).describe('task/to-do, phone call or meeting');
export type ActivityKind = z.infer<typeof ActivityKindSchema>;

export const ActivityPrioritySchema = z.enum(['low', 'normal', 'high']);
export type ActivityPriority = z.infer<typeof ActivityPrioritySchema>;

export const ParticipantResponseSchema = z.enum(['needs-action', 'accepted', 'declined', 'tentative']);

/** An IANA time zone such as Europe/Oslo. */
export const TimeZoneSchema = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Not a known time zone')
  .describe('IANA time zone, for example Europe/Oslo');

/**
 * RFC 5545 recurrence rule without the `RRULE:` prefix, for example `FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10`.
 * FREQ is DAILY, WEEKLY, MONTHLY or YEARLY; INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH and BYSETPOS are
 * understood. Occurrences are computed in the activity's time zone, so 09:00 stays 09:00 across daylight-saving changes.
 */
export const RRuleSchema = z
  .string()
  .trim()
  .max(500)
  .regex(/^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[A-Z0-9,+\-:]+)*$/, 'Not a recurrence rule (FREQ=...;...)')
  .describe('RFC 5545 RRULE without the "RRULE:" prefix');

// ---------------------------------------------------------------------------------------------------------------
// Activity types (administrators add types and set the points each one is worth)

export const ActivityTypeSchema = z.object({
  id: IdSchema,
  kind: ActivityKindSchema,
  name: z
    .string()
    .nullable()
    .describe('Null for the three built-in types: show the kind’s name in the reader’s language'),
  builtin: z.boolean(),
  color: z.string().nullable(),
  points: z.number().int().describe('Activity points a done activity of this type earns'),
  defaultMinutes: z.number().int().nullable(),
  sortOrder: z.number().int(),
  archived: z.boolean(),
  version: z.number().int(),
});
export type ActivityType = z.infer<typeof ActivityTypeSchema>;
const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'A colour such as #3b82f6')
  .nullish()
  .transform((v) => v ?? null);
export const ActivityTypeCreateSchema = z
  .object({
    kind: ActivityKindSchema,
    name: z.string().trim().min(1).max(80),
    color,
    points: z.number().int().min(0).max(1000).default(0),
    defaultMinutes: z.number().int().min(0).max(1440).nullish(),
  })
  .strict();
export const ActivityTypePatchSchema = z
  .object({
    version: VersionSchema,
    name: z.string().trim().min(1).max(80).optional().describe('Built-in types keep no name'),
    color: color.optional(),
    points: z.number().int().min(0).max(1000).optional(),
    defaultMinutes: z.number().int().min(0).max(1440).nullable().optional(),
    sortOrder: z.number().int().min(0).max(10000).optional(),
  })
  .strict();
export const ActivityTypeListSchema = z.object({ items: z.array(ActivityTypeSchema) });

// ---------------------------------------------------------------------------------------------------------------
// Activities

export const ActivityParticipantSchema = z.object({
  id: IdSchema,
  userId: IdSchema.nullable(),
  contactId: IdSchema.nullable(),
  name: z.string(),
  email: z.string().nullable(),
  response: ParticipantResponseSchema,
});

export const ActivitySchema = z
  .object({
    id: IdSchema,
    typeId: IdSchema,
    kind: ActivityKindSchema,
    title: z.string(),
    description: z.string(),
    location: z.string().nullable(),
    start: TimestampSchema.nullable().describe('Start; for a task its due date and time (null: no date)'),
    end: TimestampSchema.nullable().describe('End of a call or meeting; null for a task'),
    allDay: z.boolean(),
    timeZone: z.string(),
    priority: ActivityPrioritySchema,
    done: z.boolean(),
    doneAt: TimestampSchema.nullable(),
    ownerId: IdSchema.describe('Whose activity it is: the assignee of a task'),
    ownerName: z.string().nullable(),
    companyId: IdSchema.nullable(),
    companyName: z.string().nullable(),
    contactId: IdSchema.nullable(),
    contactName: z.string().nullable(),
    private: z.boolean().describe('Only the owner and the participants see it'),
    reminderMinutes: z.number().int().nullable().describe('Remind this many minutes before the start'),
    rrule: z.string().nullable(),
    exdates: z.array(TimestampSchema).describe('Original starts of removed occurrences'),
    seriesId: IdSchema.nullable().describe('Set on a changed single occurrence of a recurring series'),
    recurrenceId: TimestampSchema.nullable().describe('The original start of that occurrence'),
    participants: z.array(ActivityParticipantSchema),
    resources: z.array(z.object({ id: IdSchema, name: z.string() })),
    overdue: z.boolean(),
    version: z.number().int(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    createdBy: IdSchema.nullable(),
    deletedAt: TimestampSchema.nullable(),
  })
  .describe('A task, phone call or meeting');
export type Activity = z.infer<typeof ActivitySchema>;

const ids = (max: number, what: string) => z.array(IdSchema).max(max).describe(what);

export const ActivityCreateSchema = z
  .object({
    typeId: IdSchema.optional().describe('Defaults to the built-in type of `kind`'),
    kind: ActivityKindSchema.optional().describe('Used when `typeId` is not given; default task'),
    title: z.string().trim().min(1).max(500),
    description: z.string().max(20_000).default(''),
    location: optionalText(300),
    start: TimestampSchema.nullish().transform((v) => v ?? null),
    end: TimestampSchema.nullish().transform((v) => v ?? null),
    allDay: z.boolean().default(false),
    timeZone: TimeZoneSchema.optional().describe('Defaults to the owner’s time zone'),
    priority: ActivityPrioritySchema.default('normal'),
    done: z.boolean().default(false),
    ownerId: IdSchema.optional().describe(
      'Assignee; defaults to the creating user. Assigning a colleague notifies them',
    ),
    companyId: IdSchema.nullish().transform((v) => v ?? null),
    contactId: IdSchema.nullish().transform((v) => v ?? null),
    private: z.boolean().default(false),
    reminderMinutes: z
      .number()
      .int()
      .min(0)
      .max(40320)
      .nullish()
      .transform((v) => v ?? null),
    rrule: RRuleSchema.nullish().transform((v) => v ?? null),
    participantUserIds: ids(100, 'Colleagues taking part').default([]),
    participantContactIds: ids(100, 'Contacts invited (a meeting sends them an iCalendar invitation)').default([]),
    resourceIds: ids(20, 'Rooms and equipment to book').default([]),
  })
  .strict()
  .describe('New activity');
export type ActivityCreate = z.input<typeof ActivityCreateSchema>;

/** Which occurrences of a recurring series a change or delete applies to. */
export const RecurrenceScopeSchema = z
  .enum(['this', 'following', 'all'])
  .describe('For a recurring series: this occurrence, this and all following, or the whole series');

export const ActivityPatchSchema = z
  .object({
    version: VersionSchema,
    typeId: IdSchema.optional(),
    title: z.string().trim().min(1).max(500).optional(),
    description: z.string().max(20_000).optional(),
    location: optionalText(300).optional(),
    start: TimestampSchema.nullable().optional(),
    end: TimestampSchema.nullable().optional(),
    allDay: z.boolean().optional(),
    timeZone: TimeZoneSchema.optional(),
    priority: ActivityPrioritySchema.optional(),
    done: z.boolean().optional(),
    ownerId: IdSchema.optional(),
    companyId: IdSchema.nullable().optional(),
    contactId: IdSchema.nullable().optional(),
    private: z.boolean().optional(),
    reminderMinutes: z.number().int().min(0).max(40320).nullable().optional(),
    rrule: RRuleSchema.nullable().optional(),
    participantUserIds: ids(100, 'The whole new list of colleagues').optional(),
    participantContactIds: ids(100, 'The whole new list of invited contacts').optional(),
    resourceIds: ids(20, 'The whole new list of booked resources').optional(),
    scope: RecurrenceScopeSchema.optional().describe('Required when the activity is a recurring series'),
    occurrenceStart: TimestampSchema.optional().describe('The original start of the occurrence (scope this/following)'),
  })
  .strict()
  .describe('Changed fields of an activity, with the version they are based on');
export type ActivityPatch = z.input<typeof ActivityPatchSchema>;

export const ActivityDeleteQuerySchema = z
  .object({
    scope: RecurrenceScopeSchema.optional(),
    occurrenceStart: TimestampSchema.optional(),
  })
  .strict();

export const activitySortFields = ['start', 'title', 'priority', 'createdAt', 'updatedAt', 'doneAt'] as const;
export const activityFilterFields = [
  'kind',
  'typeId',
  'ownerId',
  'companyId',
  'contactId',
  'priority',
  'start',
  'doneAt',
  'title',
  'createdAt',
] as const;
export const ActivityListQuerySchema = listQuery(activitySortFields)
  .extend({
    who: z
      .enum(['me', 'team', 'all'])
      .optional()
      .describe('me: mine (owner or participant); team: everyone’s I may see; default all'),
    due: z
      .enum(['overdue', 'today', 'week', 'later', 'none'])
      .optional()
      .describe('Relative to the caller’s time zone'),
    status: z.enum(['open', 'done', 'any']).default('any'),
    companyId: IdSchema.optional().describe('Activities of this company (also those of its contacts)'),
    contactId: IdSchema.optional(),
  })
  .strict();
export type ActivityListQuery = z.input<typeof ActivityListQuerySchema>;
export const ActivityPageSchema = pageOf(ActivitySchema);

export const ActivityBulkSchema = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('complete'), ids: z.array(IdSchema).min(1).max(1000) }).strict(),
    z.object({ action: z.literal('reopen'), ids: z.array(IdSchema).min(1).max(1000) }).strict(),
    z.object({ action: z.literal('reassign'), ids: z.array(IdSchema).min(1).max(1000), ownerId: IdSchema }).strict(),
    z.object({ action: z.literal('delete'), ids: z.array(IdSchema).min(1).max(1000) }).strict(),
  ])
  .describe('One action on up to 1,000 selected activities');
export type ActivityBulk = z.input<typeof ActivityBulkSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Diary: occurrences in a time range

export const DiaryQuerySchema = z
  .object({
    from: TimestampSchema,
    to: TimestampSchema.describe('At most 62 days after `from`'),
    userIds: z
      .union([IdSchema, z.array(IdSchema).max(30)])
      .optional()
      .describe('Colleagues side by side (group view); default: the caller'),
    resourceIds: z
      .union([IdSchema, z.array(IdSchema).max(30)])
      .optional()
      .describe('Resource calendars'),
    includeTasks: z.enum(['true', 'false']).default('true'),
  })
  .strict();
export type DiaryQuery = z.input<typeof DiaryQuerySchema>;

export const DiaryItemSchema = z
  .object({
    activityId: IdSchema,
    occurrenceStart: TimestampSchema.nullable().describe(
      'Original start of this occurrence of a series; null otherwise',
    ),
    typeId: IdSchema,
    kind: ActivityKindSchema,
    title: z.string(),
    location: z.string().nullable(),
    start: TimestampSchema,
    end: TimestampSchema.nullable(),
    allDay: z.boolean(),
    done: z.boolean(),
    priority: ActivityPrioritySchema,
    private: z.boolean(),
    recurring: z.boolean(),
    ownerId: IdSchema,
    companyId: IdSchema.nullable(),
    companyName: z.string().nullable(),
    userIds: z.array(IdSchema).describe('Owner and colleagues taking part'),
    resourceIds: z.array(IdSchema),
    version: z.number().int(),
  })
  .describe('One occurrence in the diary');
export type DiaryItem = z.infer<typeof DiaryItemSchema>;
export const DiarySchema = z.object({ items: z.array(DiaryItemSchema) });

// ---------------------------------------------------------------------------------------------------------------
// Bookable resources

export const ResourceSchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: z.enum(['room', 'equipment']),
  capacity: z.number().int().nullable(),
  location: z.string().nullable(),
  description: z.string(),
  archived: z.boolean(),
  version: z.number().int(),
});
export type Resource = z.infer<typeof ResourceSchema>;
export const ResourceCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    kind: z.enum(['room', 'equipment']).default('room'),
    capacity: z.number().int().min(1).max(100000).nullish(),
    location: optionalText(200),
    description: z.string().max(2000).default(''),
  })
  .strict();
export const ResourcePatchSchema = z
  .object({
    version: VersionSchema,
    name: z.string().trim().min(1).max(120).optional(),
    kind: z.enum(['room', 'equipment']).optional(),
    capacity: z.number().int().min(1).max(100000).nullable().optional(),
    location: optionalText(200).optional(),
    description: z.string().max(2000).optional(),
    archived: z.boolean().optional(),
  })
  .strict();
export const ResourceListSchema = z.object({ items: z.array(ResourceSchema) });
export const ResourceListQuerySchema = z
  .object({ archived: z.enum(['true', 'false']).default('false').describe('Include archived ones') })
  .strict();

/** The body of the 409 answer to a double booking: `details.conflicts`. */
export const BookingConflictSchema = z.object({
  resourceId: IdSchema,
  resourceName: z.string(),
  activityId: IdSchema.describe('The booking already there (its title is given only if the caller may see it)'),
  title: z.string().nullable(),
  start: TimestampSchema,
  end: TimestampSchema,
});
export type BookingConflict = z.infer<typeof BookingConflictSchema>;
