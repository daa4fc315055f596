import '@mantine/dates/styles.css';
import 'dayjs/locale/nb';
import 'dayjs/locale/sv';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Loader,
  Popover,
  SegmentedControl,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronLeft, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DiaryFormat } from '../format.ts';
import { DIARY_VIEWS, type DiaryViewName } from '../layout.ts';
import { type Day, formatDayKey, isoWeek, parseDayKey } from '../time.ts';
import { CalendarPicker } from './calendar-picker.tsx';

type Option = { value: string; label: string };

export function DiaryToolbar({
  view,
  date,
  first,
  days,
  fmt,
  loading,
  colleagues,
  userIds,
  resources,
  resourceIds,
  onView,
  onDate,
  onStep,
  onToday,
  onUsers,
  onResources,
  onNew,
}: {
  view: DiaryViewName;
  date: Day;
  first: Day;
  days: number;
  fmt: DiaryFormat;
  loading: boolean;
  colleagues: Option[];
  userIds: string[];
  resources: Option[];
  resourceIds: string[];
  onView: (v: DiaryViewName) => void;
  onDate: (d: Day) => void;
  onStep: (dir: 1 | -1) => void;
  onToday: () => void;
  onUsers: (ids: string[]) => void;
  onResources: (ids: string[]) => void;
  onNew?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [picking, picker] = useDisclosure(false);
  const title =
    view === 'day' ? fmt.dayLong(date) : view === 'month' ? fmt.monthYear(date) : fmt.dayRange(first, first + days - 1);
  const label = (v: DiaryViewName) => t(`diary.views.${v}`);

  return (
    <Group justify="space-between" gap="sm" mb="sm" wrap="wrap" data-testid="diary-toolbar">
      <Group gap="xs" wrap="nowrap" miw={0}>
        <Button variant="default" size="sm" onClick={onToday} data-testid="diary-today">
          {t('diary.today')}
        </Button>
        <Group gap={2} wrap="nowrap">
          <Tooltip label={t('diary.previous')} openDelay={400}>
            <ActionIcon
              variant="subtle"
              size="lg"
              onClick={() => onStep(-1)}
              aria-label={t('diary.previous')}
              data-testid="diary-prev"
            >
              <IconChevronLeft size={20} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('diary.next')} openDelay={400}>
            <ActionIcon
              variant="subtle"
              size="lg"
              onClick={() => onStep(1)}
              aria-label={t('diary.next')}
              data-testid="diary-next"
            >
              <IconChevronRight size={20} />
            </ActionIcon>
          </Tooltip>
        </Group>
        <Popover opened={picking} onChange={picker.toggle} position="bottom-start" shadow="md" withArrow>
          <Popover.Target>
            <UnstyledButton onClick={picker.toggle} aria-label={t('diary.pickDate')} data-testid="diary-pick-date">
              <Group gap={4} wrap="nowrap">
                <Title order={2} fz={20} fw={650} lh={1.2} data-testid="diary-title" style={{ whiteSpace: 'nowrap' }}>
                  {title}
                </Title>
                <IconChevronDown size={16} />
              </Group>
            </UnstyledButton>
          </Popover.Target>
          <Popover.Dropdown>
            <DatePicker
              value={formatDayKey(date)}
              defaultDate={formatDayKey(date)}
              onChange={(v) => {
                const d = parseDayKey(v ?? undefined);
                if (d !== null) onDate(d);
                picker.close();
              }}
              firstDayOfWeek={1}
              locale={i18n.language}
              withWeekNumbers
              highlightToday
            />
          </Popover.Dropdown>
        </Popover>
        {(view === 'week' || view === 'day') && (
          <Badge variant="light" size="lg" radius="sm" data-testid="diary-week-number" style={{ flexShrink: 0 }}>
            {t('diary.week', { week: isoWeek(first) })}
          </Badge>
        )}
        {loading && <Loader size="xs" />}
      </Group>
      <Group gap="xs" wrap="wrap">
        <CalendarPicker
          colleagues={colleagues}
          userIds={userIds}
          resources={resources}
          resourceIds={resourceIds}
          onUsers={onUsers}
          onResources={onResources}
        />
        <SegmentedControl
          size="sm"
          value={view}
          onChange={(v) => onView(v as DiaryViewName)}
          data={DIARY_VIEWS.map((v) => ({ value: v, label: label(v) }))}
          aria-label={t('diary.view')}
          data-testid="diary-views"
        />
        {onNew && (
          <Button leftSection={<IconPlus size={16} />} onClick={onNew} data-testid="diary-new">
            {t('diary.newActivity')}
          </Button>
        )}
      </Group>
    </Group>
  );
}
