import '@mantine/dates/styles.css';
import 'dayjs/locale/nb';
import 'dayjs/locale/sv';
import 'dayjs/locale/en-gb';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { DatePickerInput, DatesProvider, DateTimePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import type {
  Activity,
  ActivityCreate,
  ActivityKind,
  ActivityPatch,
  ActivityPriority,
  ActivityType,
} from '@rapport/contracts/activities.ts';
import type { Company } from '@rapport/contracts/companies.ts';
import type { Contact } from '@rapport/contracts/contacts.ts';
import { IconAlertTriangle, IconCheck, IconLock, IconRepeat, IconTrash, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { RecordPicker, type RecordRef } from '../../../components/record-picker.tsx';
import { ApiError, api } from '../../../lib/api.ts';
import { errorText } from '../../../lib/error-text.ts';
import { useMe } from '../../../lib/session.ts';
import {
  useActivity,
  useActivityTypes,
  useColleagues,
  useCreateActivity,
  useDeleteActivity,
  useResourceOptions,
  useToggleDone,
  useUpdateActivity,
} from '../api/activities.ts';
import { addWallMinutes, fromWall, toWall, useTimeZone, wallMinutesBetween } from '../time.ts';
import { KindIcon, typeLabel } from './kind.tsx';
import { RepeatEditor } from './repeat-editor.tsx';
import { buildRRule, parseRepeat, type Repeat } from './repeat-rule.ts';

type Scope = 'this' | 'following' | 'all';

export type ActivityModalProps = {
  opened: boolean;
  onClose: () => void;
  /** Edit this activity; without it the modal creates one. */
  activityId?: string;
  /** The original start of the occurrence opened, for a recurring series (from the diary). */
  occurrenceStart?: string | null;
  /** Values of a new activity: a time range picked in the diary, the company of a card, … */
  initial?: Partial<ActivityCreate>;
  onSaved?: (a: Activity) => void;
  /** After the activity (or the chosen occurrences) went to the trash. */
  onDeleted?: () => void;
};

/** The dates inputs in the app's language, weeks starting on Monday. */
export function ActivityDates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'nb' ? 'nb' : i18n.language === 'sv' ? 'sv' : 'en-gb';
  return <DatesProvider settings={{ locale, firstDayOfWeek: 1, weekendDays: [0, 6] }}>{children}</DatesProvider>;
}

/**
 * Creates or edits a task, phone call or meeting. For a recurring series it asks "this one / all
 * following / all" on save and on delete. Field errors from the server show beside their fields; a
 * double booking shows the server's message; a version conflict offers to reload.
 */
export function ActivityModal(props: ActivityModalProps) {
  const { t } = useTranslation();
  const { opened, onClose, activityId } = props;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="lg"
      title={<Text fw={600}>{activityId ? t('activities.editActivity') : t('activities.newActivity')}</Text>}
      data-testid="activity-modal"
      closeOnClickOutside={false}
    >
      {opened && (
        <ActivityDates>
          {activityId ? <EditLoader {...props} activityId={activityId} /> : <ActivityForm {...props} activity={null} />}
        </ActivityDates>
      )}
    </Modal>
  );
}

function EditLoader(props: ActivityModalProps & { activityId: string }) {
  const { t } = useTranslation();
  const query = useActivity(props.activityId);
  // The form keeps its own copy; a reload after a conflict gives it a new key.
  const [generation, setGeneration] = useState(0);
  if (query.isPending) {
    return (
      <Stack gap="sm">
        <Skeleton height={36} />
        <Skeleton height={36} />
        <Skeleton height={120} />
      </Stack>
    );
  }
  if (query.error || !query.data) {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={16} />}>
        {query.error instanceof ApiError && query.error.status === 404
          ? t('activities.notFound')
          : query.error
            ? errorText(t, query.error)
            : t('activities.notFound')}
      </Alert>
    );
  }
  return (
    <ActivityForm
      key={`${query.data.id}:${generation}`}
      {...props}
      activity={query.data}
      onReload={async () => {
        await query.refetch();
        setGeneration((g) => g + 1);
      }}
    />
  );
}

type Values = {
  typeId: string | null;
  title: string;
  description: string;
  location: string;
  allDay: boolean;
  /** `YYYY-MM-DD HH:mm:ss` in the user's time zone (all day: the time is 00:00:00). */
  start: string | null;
  /** A meeting's end; for all day the last day (inclusive) at 00:00:00. */
  end: string | null;
  priority: ActivityPriority;
  ownerId: string | null;
  participantUserIds: string[];
  contacts: RecordRef[];
  company: RecordRef | null;
  contact: RecordRef | null;
  resourceIds: string[];
  reminderMinutes: number | null;
  private: boolean;
  done: boolean;
  repeat: Repeat;
};
type Field = keyof Values;

const DAY = 24 * 60;

/** The next full hour from now, as wall-clock time in the zone. */
function nextHour(tz: string): string {
  const now = toWall(new Date(), tz);
  return addWallMinutes(`${now.slice(0, 13)}:00:00`, 60);
}

function valuesOf(
  a: Activity | null,
  initial: Partial<ActivityCreate> | undefined,
  occurrenceStart: string | null | undefined,
  tz: string,
  me: string | null,
  types: ActivityType[],
): Values {
  if (a) {
    // An occurrence of a series shows its own times.
    const shift = a.rrule && occurrenceStart && a.start ? Date.parse(occurrenceStart) - Date.parse(a.start) : 0;
    const at = (iso: string | null) => (iso ? new Date(Date.parse(iso) + shift).toISOString() : null);
    const startIso = at(a.start);
    const endIso = at(a.end);
    let start = startIso ? toWall(startIso, tz) : null;
    let end = endIso ? toWall(endIso, tz) : null;
    if (a.allDay) {
      start = start ? `${start.slice(0, 10)} 00:00:00` : null;
      // Stored ends are exclusive (the next midnight); the form shows the last day.
      end = end && start ? `${addWallMinutes(end, -DAY).slice(0, 10)} 00:00:00` : null;
      if (end && start && end < start) end = start;
    }
    return {
      typeId: a.typeId,
      title: a.title,
      description: a.description,
      location: a.location ?? '',
      allDay: a.allDay,
      start,
      end,
      priority: a.priority,
      ownerId: a.ownerId,
      participantUserIds: a.participants.flatMap((p) => (p.userId ? [p.userId] : [])),
      contacts: a.participants.flatMap((p) => (p.contactId ? [{ id: p.contactId, name: p.name }] : [])),
      company: a.companyId ? { id: a.companyId, name: a.companyName ?? '' } : null,
      contact: a.contactId ? { id: a.contactId, name: a.contactName ?? '' } : null,
      resourceIds: a.resources.map((r) => r.id),
      reminderMinutes: a.reminderMinutes,
      private: a.private,
      done: a.done,
      repeat: parseRepeat(a.rrule, tz),
    };
  }
  const i = initial ?? {};
  const kind: ActivityKind = types.find((x) => x.id === i.typeId)?.kind ?? i.kind ?? (i.end ? 'meeting' : 'task');
  const type =
    types.find((x) => x.id === i.typeId) ?? types.find((x) => x.kind === kind && x.builtin && !x.archived) ?? null;
  const allDay = i.allDay ?? false;
  let start = i.start ? toWall(i.start, tz) : i.start === null ? null : nextHour(tz);
  let end = i.end ? toWall(i.end, tz) : null;
  if (allDay && start) {
    start = `${start.slice(0, 10)} 00:00:00`;
    end = end ? `${addWallMinutes(end, -DAY).slice(0, 10)} 00:00:00` : null;
  }
  if (kind !== 'task' && start && !end) end = allDay ? start : addWallMinutes(start, type?.defaultMinutes ?? 60);
  return {
    typeId: type?.id ?? null,
    title: i.title ?? '',
    description: i.description ?? '',
    location: i.location ?? '',
    allDay,
    start,
    end: kind === 'task' ? null : end,
    priority: i.priority ?? 'normal',
    ownerId: i.ownerId ?? me,
    participantUserIds: i.participantUserIds ?? [],
    contacts: [],
    company: null,
    contact: null,
    resourceIds: i.resourceIds ?? [],
    reminderMinutes: i.reminderMinutes ?? null,
    private: i.private ?? false,
    done: i.done ?? false,
    repeat: parseRepeat(i.rrule ?? null, tz),
  };
}

/** Start and end instants of the form's values. */
function instants(v: Values, kind: ActivityKind, tz: string): { start: string | null; end: string | null } {
  if (!v.start) return { start: null, end: null };
  if (v.allDay) {
    const start = fromWall(`${v.start.slice(0, 10)} 00:00:00`, tz);
    if (kind === 'task') return { start, end: null };
    const lastDay = v.end && v.end >= v.start ? v.end.slice(0, 10) : v.start.slice(0, 10);
    return { start, end: fromWall(addWallMinutes(`${lastDay} 00:00:00`, DAY), tz) };
  }
  return {
    start: fromWall(v.start, tz),
    end: kind === 'task' || !v.end ? null : fromWall(v.end, tz),
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Server field paths → the form field showing them. */
const FIELD_OF: Record<string, Field> = {
  typeId: 'typeId',
  kind: 'typeId',
  title: 'title',
  description: 'description',
  location: 'location',
  start: 'start',
  end: 'end',
  allDay: 'allDay',
  timeZone: 'start',
  priority: 'priority',
  ownerId: 'ownerId',
  participantUserIds: 'participantUserIds',
  participantContactIds: 'contacts',
  companyId: 'company',
  contactId: 'contact',
  resourceIds: 'resourceIds',
  reminderMinutes: 'reminderMinutes',
  private: 'private',
  rrule: 'repeat',
  done: 'done',
};

/** A test id on a component whose props do not declare data attributes. */
const testId = (id: string) => ({ 'data-testid': id }) as object;

const REMINDERS: { minutes: number | null; key: 'none' | 'm5' | 'm15' | 'm30' | 'h1' | 'd1' }[] = [
  { minutes: null, key: 'none' },
  { minutes: 5, key: 'm5' },
  { minutes: 15, key: 'm15' },
  { minutes: 30, key: 'm30' },
  { minutes: 60, key: 'h1' },
  { minutes: 1440, key: 'd1' },
];

/** The name of a card given by id only (a prefilled new activity), from its detail query. */
function useCardName(kind: 'company' | 'contact', id: string | null | undefined) {
  const path = kind === 'company' ? 'companies' : 'contacts';
  return useQuery({
    queryKey: [path, 'detail', id ?? ''],
    queryFn: ({ signal }) => api.get<Company | Contact>(`/api/v1/${path}/${id}`, undefined, signal),
    enabled: Boolean(id),
    select: (r): RecordRef =>
      'name' in r ? { id: r.id, name: r.name } : { id: r.id, name: `${r.firstName} ${r.lastName}`.trim() },
    staleTime: 60_000,
  });
}

function ActivityForm({
  activity,
  initial,
  occurrenceStart: givenOccurrence,
  onClose,
  onSaved,
  onDeleted,
  onReload,
}: ActivityModalProps & { activity: Activity | null; onReload?: () => Promise<void> }) {
  const { t } = useTranslation();
  // A series opened from a list (not from one occurrence in the diary) stands for its first occurrence.
  const occurrenceStart = givenOccurrence ?? (activity?.rrule ? activity.start : null);
  const tz = useTimeZone();
  const me = useMe();
  const myId = me.data?.user.id ?? null;
  const types = useActivityTypes();
  const colleagues = useColleagues();
  const resources = useResourceOptions();
  const create = useCreateActivity();
  const update = useUpdateActivity();
  const remove = useDeleteActivity();
  const toggleDone = useToggleDone();

  const typeList = types.data ?? [];
  const [values, setValues] = useState<Values>(() => valuesOf(activity, initial, occurrenceStart, tz, myId, typeList));
  const original = useRef(values);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [booking, setBooking] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [asking, setAsking] = useState<null | 'save' | 'delete'>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  // Types load after the form: a new activity takes the default type of its kind then.
  useEffect(() => {
    if (!values.typeId && typeList.length > 0) {
      const v = valuesOf(activity, initial, occurrenceStart, tz, myId, typeList);
      setValues((cur) => ({ ...cur, typeId: v.typeId, end: cur.end ?? v.end }));
      original.current = { ...original.current, typeId: v.typeId };
    }
  }, [typeList, values.typeId, activity, initial, occurrenceStart, tz, myId]);
  // The assignee defaults to me once /me is known.
  useEffect(() => {
    if (!values.ownerId && myId && !activity) setValues((cur) => ({ ...cur, ownerId: myId }));
  }, [myId, values.ownerId, activity]);

  // Prefilled company / contact by id: fetch their names for the pickers.
  const companyName = useCardName('company', !activity ? initial?.companyId : null);
  const contactName = useCardName('contact', !activity ? initial?.contactId : null);
  useEffect(() => {
    if (companyName.data && !values.company && !activity) {
      setValues((cur) => ({ ...cur, company: companyName.data }));
      original.current = { ...original.current, company: companyName.data };
    }
  }, [companyName.data, values.company, activity]);
  useEffect(() => {
    if (contactName.data && !values.contact && !activity) {
      setValues((cur) => ({ ...cur, contact: contactName.data }));
      original.current = { ...original.current, contact: contactName.data };
    }
  }, [contactName.data, values.contact, activity]);
  const initialContactIds = initial?.participantContactIds;
  useEffect(() => {
    if (activity || !initialContactIds?.length) return;
    let live = true;
    void Promise.all(
      initialContactIds.map((id) =>
        api.get<Contact>(`/api/v1/contacts/${id}`).then(
          (c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}`.trim() }),
          () => null,
        ),
      ),
    ).then((refs) => {
      if (live) setValues((cur) => ({ ...cur, contacts: refs.filter((r): r is RecordRef => r !== null) }));
    });
    return () => {
      live = false;
    };
  }, [activity, initialContactIds]);

  const type = typeList.find((x) => x.id === values.typeId);
  const kind: ActivityKind = type?.kind ?? activity?.kind ?? initial?.kind ?? 'task';
  const series = Boolean(activity?.rrule);
  const canAskScope = series && Boolean(occurrenceStart);
  const busy = create.isPending || update.isPending || remove.isPending || toggleDone.isPending;

  const set = <K extends Field>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
    if (key === 'resourceIds' || key === 'start' || key === 'end' || key === 'allDay') setBooking(null);
  };

  const changeType = (id: string | null) => {
    const next = typeList.find((x) => x.id === id);
    if (!next) return;
    setValues((v) => {
      const out = { ...v, typeId: next.id };
      if (next.kind === 'task') out.end = null;
      else {
        if (!out.start) out.start = nextHour(tz);
        if (!out.end || out.end < out.start)
          out.end = out.allDay ? out.start : addWallMinutes(out.start, next.defaultMinutes ?? 60);
      }
      return out;
    });
  };

  const changeStart = (wall: string | null) => {
    setValues((v) => {
      const out = { ...v, start: wall };
      // Moving the start keeps the length of a call or meeting.
      if (wall && v.start && v.end && kind !== 'task') {
        out.end = addWallMinutes(wall, wallMinutesBetween(v.start, v.end));
      } else if (wall && !v.end && kind !== 'task') {
        out.end = v.allDay ? wall : addWallMinutes(wall, type?.defaultMinutes ?? 60);
      }
      if (!wall) out.end = null;
      return out;
    });
    setErrors((e) => ({ ...e, start: undefined, end: undefined }));
    setBooking(null);
  };

  const changeAllDay = (allDay: boolean) => {
    setValues((v) => {
      if (allDay) {
        return {
          ...v,
          allDay,
          start: v.start ? `${v.start.slice(0, 10)} 00:00:00` : `${toWall(new Date(), tz).slice(0, 10)} 00:00:00`,
          end: v.end ? `${v.end.slice(0, 10)} 00:00:00` : null,
        };
      }
      const start = v.start ? `${v.start.slice(0, 10)} 09:00:00` : nextHour(tz);
      return {
        ...v,
        allDay,
        start,
        end: kind === 'task' ? null : addWallMinutes(start, type?.defaultMinutes ?? 60),
      };
    });
    setBooking(null);
  };

  /** Checks in the browser what the server would refuse, so the message sits beside its field. */
  function localErrors(v: Values): Partial<Record<Field, string>> {
    const out: Partial<Record<Field, string>> = {};
    if (!v.title.trim()) out.title = t('common.required');
    if (kind !== 'task' && v.start && v.end && v.end < v.start) out.end = t('activities.endBeforeStart');
    if (v.repeat.freq !== 'none' && !v.start) out.repeat = t('activities.repeat.needsStart');
    return out;
  }

  function showError(err: unknown) {
    if (err instanceof ApiError) {
      if (err.status === 409) {
        const details = err.details as { conflicts?: unknown[]; current?: unknown } | undefined;
        if (details && Array.isArray(details.conflicts)) {
          setBooking(err.message);
          return;
        }
        setConflict(true);
        return;
      }
      const fields = err.fieldErrors;
      const mapped: Partial<Record<Field, string>> = {};
      for (const [path, message] of Object.entries(fields)) {
        const field = FIELD_OF[path.split('.')[0] ?? ''];
        if (field && !mapped[field]) mapped[field] = message;
      }
      if (Object.keys(mapped).length > 0) {
        setErrors(mapped);
        setFormError(null);
        return;
      }
      setFormError(errorText(t, err));
      return;
    }
    setFormError(errorText(t, err));
  }

  function createBody(v: Values): ActivityCreate {
    const when = instants(v, kind, tz);
    return {
      ...(v.typeId ? { typeId: v.typeId } : { kind }),
      title: v.title.trim(),
      description: v.description,
      location: v.location.trim() || null,
      start: when.start,
      end: when.end,
      allDay: v.allDay,
      timeZone: tz,
      priority: v.priority,
      done: v.done,
      ...(v.ownerId ? { ownerId: v.ownerId } : {}),
      companyId: v.company?.id ?? null,
      contactId: v.contact?.id ?? null,
      private: v.private,
      reminderMinutes: v.reminderMinutes,
      rrule: buildRRule(v.repeat, v.start, tz),
      participantUserIds: v.participantUserIds,
      participantContactIds: v.contacts.map((c) => c.id),
      resourceIds: v.resourceIds,
    };
  }

  function patchBody(v: Values, a: Activity, scope: Scope | null): ActivityPatch {
    const before = original.current;
    const patch: ActivityPatch = { version: a.version };
    if (v.typeId && v.typeId !== before.typeId) patch.typeId = v.typeId;
    if (v.title.trim() !== before.title) patch.title = v.title.trim();
    if (v.description !== before.description) patch.description = v.description;
    if (v.location.trim() !== before.location) patch.location = v.location.trim() || null;
    const timesChanged =
      v.start !== before.start || v.end !== before.end || v.allDay !== before.allDay || kind !== a.kind;
    if (timesChanged) {
      const now = instants(v, kind, tz);
      if (scope === 'all' && a.start && occurrenceStart && now.start) {
        // The occurrence shown moved: the whole series moves by as much.
        const was = instants(before, a.kind, tz);
        const delta = Date.parse(now.start) - Date.parse(was.start ?? now.start);
        patch.start = new Date(Date.parse(a.start) + delta).toISOString();
        patch.end = now.end
          ? new Date(Date.parse(patch.start) + (Date.parse(now.end) - Date.parse(now.start))).toISOString()
          : null;
      } else {
        patch.start = now.start;
        patch.end = now.end;
      }
      if (v.allDay !== before.allDay) patch.allDay = v.allDay;
      patch.timeZone = tz;
    }
    if (v.priority !== before.priority) patch.priority = v.priority;
    if (v.done !== before.done) patch.done = v.done;
    if (v.ownerId && v.ownerId !== before.ownerId) patch.ownerId = v.ownerId;
    if ((v.company?.id ?? null) !== (before.company?.id ?? null)) patch.companyId = v.company?.id ?? null;
    if ((v.contact?.id ?? null) !== (before.contact?.id ?? null)) patch.contactId = v.contact?.id ?? null;
    if (v.private !== before.private) patch.private = v.private;
    if (v.reminderMinutes !== before.reminderMinutes) patch.reminderMinutes = v.reminderMinutes;
    const rrule = buildRRule(v.repeat, v.start, tz);
    if (
      rrule !== (a.rrule ?? null) &&
      (v.repeat.freq !== before.repeat.freq || rrule !== buildRRule(before.repeat, before.start, tz))
    )
      patch.rrule = rrule;
    if (!sameSet(v.participantUserIds, before.participantUserIds)) patch.participantUserIds = v.participantUserIds;
    const contactIds = v.contacts.map((c) => c.id);
    if (
      !sameSet(
        contactIds,
        before.contacts.map((c) => c.id),
      )
    )
      patch.participantContactIds = contactIds;
    if (!sameSet(v.resourceIds, before.resourceIds)) patch.resourceIds = v.resourceIds;
    if (a.rrule) {
      patch.scope = scope ?? 'all';
      if (scope && scope !== 'all' && occurrenceStart) patch.occurrenceStart = occurrenceStart;
    }
    return patch;
  }

  const dirty = JSON.stringify(values) !== JSON.stringify(original.current);

  async function save(v: Values, scope: Scope | null) {
    setFormError(null);
    setBooking(null);
    try {
      let saved: Activity;
      if (activity) {
        const patch = patchBody(v, activity, scope);
        saved = await update.mutateAsync({ id: activity.id, patch });
        notifications.show({
          color: 'green',
          message: patch.done === true ? t('activities.completed', { title: saved.title }) : t('activities.saved'),
        });
      } else {
        saved = await create.mutateAsync(createBody(v));
        notifications.show({ color: 'green', message: t('activities.created', { title: saved.title }) });
      }
      onSaved?.(saved);
      onClose();
    } catch (err) {
      showError(err);
    }
  }

  function submit(v: Values) {
    const local = localErrors(v);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    if (activity && canAskScope) {
      setValues(v);
      setAsking('save');
      return;
    }
    void save(v, null);
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit(values);
  };

  async function quickDone() {
    if (!activity) return;
    if (dirty) {
      submit({ ...values, done: !values.done });
      return;
    }
    try {
      const saved = await toggleDone.mutateAsync({ activity, done: !activity.done, occurrenceStart });
      notifications.show({
        color: 'green',
        message: saved.done
          ? t('activities.completed', { title: saved.title })
          : t('activities.reopened', { title: saved.title }),
      });
      onSaved?.(saved);
      onClose();
    } catch (err) {
      showError(err);
    }
  }

  async function doDelete(scope: Scope | null) {
    if (!activity) return;
    try {
      await remove.mutateAsync({
        id: activity.id,
        scope: activity.rrule ? (scope ?? 'all') : undefined,
        occurrenceStart: scope && scope !== 'all' ? occurrenceStart : undefined,
      });
      notifications.show({ color: 'green', message: t('activities.deleted', { title: activity.title }) });
      setConfirmDelete(false);
      setAsking(null);
      onClose();
      onDeleted?.();
    } catch (err) {
      setConfirmDelete(false);
      setAsking(null);
      showError(err);
    }
  }

  const userOptions = useMemo(
    () => (colleagues.data ?? []).map((u) => ({ value: u.id, label: u.name || u.email })),
    [colleagues.data],
  );
  const resourceOptions = useMemo(() => {
    const list = (resources.data ?? []).filter((r) => !r.archived || values.resourceIds.includes(r.id));
    return list.map((r) => ({ value: r.id, label: r.capacity ? `${r.name} (${r.capacity})` : r.name }));
  }, [resources.data, values.resourceIds]);
  const reminderOptions = REMINDERS.map((r) => ({
    value: r.minutes === null ? '' : String(r.minutes),
    label: t(`activities.reminders.${r.key}`),
  }));
  if (values.reminderMinutes !== null && !REMINDERS.some((r) => r.minutes === values.reminderMinutes)) {
    reminderOptions.push({
      value: String(values.reminderMinutes),
      label:
        values.reminderMinutes === 0
          ? t('activities.reminders.m0')
          : t('activities.reminders.custom', { minutes: values.reminderMinutes }),
    });
  }
  const typeOptions = typeList
    .filter((x) => !x.archived || x.id === values.typeId)
    .map((x) => ({ value: x.id, label: typeLabel(x, t) }));
  const dateFormat = values.allDay ? 'D MMM YYYY' : 'D MMM YYYY HH:mm';

  const startInput = values.allDay ? (
    <DatePickerInput
      label={kind === 'task' ? t('activities.fields.due') : t('activities.fields.start')}
      value={values.start ? values.start.slice(0, 10) : null}
      onChange={(d) => changeStart(d ? `${d} 00:00:00` : null)}
      valueFormat={dateFormat}
      clearable={kind === 'task'}
      placeholder={t('activities.fields.noDate')}
      error={errors.start}
      popoverProps={{ withinPortal: true }}
      data-testid="activity-start"
    />
  ) : (
    <DateTimePicker
      label={kind === 'task' ? t('activities.fields.due') : t('activities.fields.start')}
      value={values.start}
      onChange={(d) => changeStart(d ? `${d.slice(0, 16)}:00` : null)}
      valueFormat={dateFormat}
      clearable={kind === 'task'}
      placeholder={t('activities.fields.noDate')}
      error={errors.start}
      popoverProps={{ withinPortal: true }}
      submitButtonProps={{ 'aria-label': t('activities.fields.confirmTime'), ...testId('activity-start-ok') }}
      previousLabel={t('activities.fields.previousMonth')}
      nextLabel={t('activities.fields.nextMonth')}
      data-testid="activity-start"
    />
  );
  const endInput =
    kind === 'task' ? null : values.allDay ? (
      <DatePickerInput
        label={t('activities.fields.end')}
        value={values.end ? values.end.slice(0, 10) : null}
        minDate={values.start?.slice(0, 10)}
        onChange={(d) => set('end', d ? `${d} 00:00:00` : null)}
        valueFormat={dateFormat}
        error={errors.end}
        popoverProps={{ withinPortal: true }}
        data-testid="activity-end"
      />
    ) : (
      <DateTimePicker
        label={t('activities.fields.end')}
        value={values.end}
        minDate={values.start?.slice(0, 10)}
        onChange={(d) => set('end', d ? `${d.slice(0, 16)}:00` : null)}
        valueFormat={dateFormat}
        error={errors.end}
        popoverProps={{ withinPortal: true }}
        submitButtonProps={{ 'aria-label': t('activities.fields.confirmTime'), ...testId('activity-end-ok') }}
        previousLabel={t('activities.fields.previousMonth')}
        nextLabel={t('activities.fields.nextMonth')}
        data-testid="activity-end"
      />
    );

  return (
    <form onSubmit={onSubmit} noValidate data-testid="activity-form">
      <Stack gap="sm">
        {conflict && (
          <Alert color="orange" icon={<IconAlertTriangle size={16} />} data-testid="activity-version-conflict">
            <Stack gap={6}>
              <Text size="sm">{t('activities.versionConflict')}</Text>
              {onReload && (
                <Group>
                  <Button size="xs" variant="light" color="orange" onClick={() => void onReload()}>
                    {t('common.reload')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        )}
        {formError && (
          <Alert color="red" icon={<IconAlertTriangle size={16} />} data-testid="activity-form-error">
            {formError}
          </Alert>
        )}

        {typeOptions.length > 0 && typeOptions.length <= 4 ? (
          <SegmentedControl
            fullWidth
            value={values.typeId ?? ''}
            onChange={changeType}
            data={typeList
              .filter((x) => !x.archived || x.id === values.typeId)
              .map((x) => ({
                value: x.id,
                label: (
                  <Group gap={6} justify="center" wrap="nowrap">
                    <KindIcon kind={x.kind} size={15} />
                    <span>{typeLabel(x, t)}</span>
                  </Group>
                ),
              }))}
            aria-label={t('activities.fields.type')}
            data-testid="activity-type"
          />
        ) : (
          <Select
            label={t('activities.fields.type')}
            data={typeOptions}
            value={values.typeId}
            onChange={changeType}
            allowDeselect={false}
            error={errors.typeId}
            data-testid="activity-type"
            comboboxProps={{ withinPortal: true }}
          />
        )}

        <TextInput
          label={t('activities.fields.title')}
          placeholder={t('activities.fields.titlePlaceholder')}
          required
          value={values.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={errors.title}
          maxLength={500}
          data-autofocus
          data-testid="activity-title"
        />

        <Group align="flex-start" grow wrap="wrap" gap="sm">
          {startInput}
          {endInput}
        </Group>
        <Group gap="lg">
          <Checkbox
            label={t('activities.fields.allDay')}
            checked={values.allDay}
            onChange={(e) => changeAllDay(e.currentTarget.checked)}
            data-testid="activity-all-day"
          />
          {errors.allDay && (
            <Text size="xs" c="red">
              {errors.allDay}
            </Text>
          )}
          <Text size="xs" c="dimmed" ml="auto">
            {t('activities.timeZoneNote', { tz })}
          </Text>
        </Group>

        <RepeatEditor
          value={values.repeat}
          onChange={(r) => set('repeat', r)}
          startWall={values.start}
          error={errors.repeat}
          disabled={Boolean(activity?.seriesId)}
        />

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
          <Select
            label={t('activities.fields.owner')}
            data={userOptions}
            value={values.ownerId}
            onChange={(v) => v && set('ownerId', v)}
            allowDeselect={false}
            searchable
            error={errors.ownerId}
            data-testid="activity-owner"
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('activities.fields.priority')}
            data={(['low', 'normal', 'high'] as const).map((p) => ({
              value: p,
              label: t(`activities.priorities.${p}`),
            }))}
            value={values.priority}
            onChange={(v) => v && set('priority', v as ActivityPriority)}
            allowDeselect={false}
            error={errors.priority}
            data-testid="activity-priority"
            comboboxProps={{ withinPortal: true }}
          />
          <RecordPicker
            kind="company"
            label={t('activities.fields.company')}
            placeholder={t('activities.fields.pickCompany')}
            value={values.company}
            onChange={(v) => set('company', v)}
            error={errors.company}
            testId="activity-company"
          />
          <RecordPicker
            kind="contact"
            label={t('activities.fields.contact')}
            placeholder={t('activities.fields.pickContact')}
            value={values.contact}
            onChange={(v) => set('contact', v)}
            error={errors.contact}
            testId="activity-contact"
          />
        </SimpleGrid>

        <MultiSelect
          label={t('activities.fields.participants')}
          data={userOptions.filter((u) => u.value !== values.ownerId || values.participantUserIds.includes(u.value))}
          value={values.participantUserIds}
          onChange={(v) => set('participantUserIds', v)}
          searchable
          clearable
          error={errors.participantUserIds}
          data-testid="activity-participants"
          comboboxProps={{ withinPortal: true }}
        />

        {kind !== 'task' && (
          <ContactParticipants
            value={values.contacts}
            onChange={(v) => set('contacts', v)}
            error={errors.contacts}
            hint={kind === 'meeting' ? t('activities.fields.contactsHint') : undefined}
          />
        )}

        {kind !== 'task' && (
          <TextInput
            label={t('activities.fields.location')}
            value={values.location}
            onChange={(e) => set('location', e.currentTarget.value)}
            error={errors.location}
            maxLength={300}
            data-testid="activity-location"
          />
        )}

        {(kind === 'meeting' || values.resourceIds.length > 0) && (
          <MultiSelect
            label={t('activities.fields.resources')}
            data={resourceOptions}
            value={values.resourceIds}
            onChange={(v) => set('resourceIds', v)}
            searchable
            clearable
            error={errors.resourceIds ?? (booking ? ' ' : undefined)}
            data-testid="activity-resources"
            comboboxProps={{ withinPortal: true }}
          />
        )}
        {booking && (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={16} />}
            title={t('activities.bookingConflict')}
            data-testid="activity-booking-conflict"
          >
            {booking}
          </Alert>
        )}

        <Textarea
          label={t('activities.fields.description')}
          value={values.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errors.description}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={20_000}
          data-testid="activity-description"
        />

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('activities.fields.reminder')}
            data={reminderOptions}
            value={values.reminderMinutes === null ? '' : String(values.reminderMinutes)}
            onChange={(v) => set('reminderMinutes', v ? Number(v) : null)}
            allowDeselect={false}
            error={errors.reminderMinutes}
            disabled={!values.start}
            data-testid="activity-reminder"
            comboboxProps={{ withinPortal: true }}
          />
          <Stack gap={2} justify="flex-end" pb={4}>
            <Switch
              label={
                <Group gap={4} wrap="nowrap">
                  <IconLock size={14} />
                  {t('activities.fields.private')}
                </Group>
              }
              checked={values.private}
              onChange={(e) => set('private', e.currentTarget.checked)}
              data-testid="activity-private"
            />
            <Text size="xs" c="dimmed">
              {t('activities.fields.privateHint')}
            </Text>
          </Stack>
        </SimpleGrid>

        <Group justify="space-between" mt="sm">
          <Group gap="xs">
            {activity && (
              <>
                <Button
                  variant="light"
                  color={activity.done ? 'gray' : 'green'}
                  leftSection={<IconCheck size={16} />}
                  onClick={() => void quickDone()}
                  loading={toggleDone.isPending}
                  disabled={busy}
                  data-testid="activity-mark-done"
                >
                  {activity.done ? t('activities.reopen') : t('activities.markDone')}
                </Button>
                <Tooltip label={t('common.delete')}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('common.delete')}
                    onClick={() => (canAskScope ? setAsking('delete') : setConfirmDelete(true))}
                    disabled={busy}
                    data-testid="activity-delete"
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Tooltip>
              </>
            )}
            {series && (
              <Badge variant="light" leftSection={<IconRepeat size={12} />}>
                {t('activities.recurring')}
              </Badge>
            )}
          </Group>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="activity-save">
              {activity ? t('common.save') : t('activities.create')}
            </Button>
          </Group>
        </Group>
      </Stack>

      <ScopeModal
        opened={asking !== null}
        mode={asking ?? 'save'}
        onClose={() => setAsking(null)}
        loading={busy}
        onPick={(scope) => {
          if (asking === 'delete') void doDelete(scope);
          else {
            setAsking(null);
            void save(values, scope);
          }
        }}
      />
      <ConfirmModal
        opened={confirmDelete}
        title={t('activities.deleteTitle')}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => void doDelete(null)}
        onClose={() => setConfirmDelete(false)}
      >
        {t('activities.deleteText', { title: activity?.title ?? '' })}
      </ConfirmModal>
    </form>
  );
}

/** "This one / this and all following / all" for a change or delete of a recurring series. */
function ScopeModal({
  opened,
  mode,
  onPick,
  onClose,
  loading,
}: {
  opened: boolean;
  mode: 'save' | 'delete';
  onPick: (scope: Scope) => void;
  onClose: () => void;
  loading: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      centered
      size="sm"
      title={
        <Text fw={600}>{mode === 'delete' ? t('activities.scope.deleteTitle') : t('activities.scope.saveTitle')}</Text>
      }
      data-testid="activity-scope"
    >
      <Stack gap="xs">
        <Text size="sm">{mode === 'delete' ? t('activities.scope.deleteText') : t('activities.scope.text')}</Text>
        {(['this', 'following', 'all'] as const).map((s, i) => (
          <Button
            key={s}
            variant={i === 0 ? 'filled' : 'default'}
            color={mode === 'delete' && i === 0 ? 'red' : undefined}
            onClick={() => onPick(s)}
            loading={loading}
            data-autofocus={i === 0 || undefined}
            data-testid={`scope-${s}`}
            fullWidth
          >
            {t(`activities.scope.${s}`)}
          </Button>
        ))}
        <Button variant="subtle" color="gray" onClick={onClose} fullWidth>
          {t('common.cancel')}
        </Button>
      </Stack>
    </Modal>
  );
}

/** Contacts taking part: pick one at a time with the record picker, shown as removable badges. */
function ContactParticipants({
  value,
  onChange,
  error,
  hint,
}: {
  value: RecordRef[];
  onChange: (next: RecordRef[]) => void;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  const { t } = useTranslation();
  const [pickerKey, setPickerKey] = useState(0);
  return (
    <Stack gap={4}>
      <RecordPicker
        key={pickerKey}
        kind="contact"
        label={t('activities.fields.contacts')}
        placeholder={t('activities.fields.addContact')}
        value={null}
        onChange={(picked) => {
          if (picked && !value.some((c) => c.id === picked.id)) onChange([...value, picked]);
          setPickerKey((k) => k + 1);
        }}
        error={error}
        testId="activity-contact-participants"
      />
      {value.length > 0 && (
        <Group gap={6}>
          {value.map((c) => (
            <Badge
              key={c.id}
              variant="light"
              size="lg"
              tt="none"
              fw={500}
              rightSection={
                <ActionIcon
                  size="xs"
                  variant="transparent"
                  color="gray"
                  aria-label={t('common.delete')}
                  onClick={() => onChange(value.filter((x) => x.id !== c.id))}
                >
                  <IconX size={12} />
                </ActionIcon>
              }
            >
              {c.name}
            </Badge>
          ))}
        </Group>
      )}
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}
