import { Text } from '@mantine/core';
import { IconLock, IconRepeat } from '@tabler/icons-react';
import type { CSSProperties } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Entry, entriesByDay } from '../layout.ts';
import { type Day, formatDayKey } from '../time.ts';
import classes from './diary.module.css';
import type { ItemBase } from './time-grid.tsx';

/** The coming days as a list: only days with something planned, and today. */
export function AgendaList({
  first,
  days,
  entries,
  base,
  today,
  onDayClick,
}: {
  first: Day;
  days: number;
  entries: Entry[];
  base: ItemBase;
  today: Day;
  onDayClick: (day: Day) => void;
}) {
  const { t } = useTranslation();
  const { fmt } = base;
  const byDay = useMemo(() => entriesByDay(entries, first, days), [entries, first, days]);
  const shown = Array.from({ length: days }, (_, i) => first + i).filter((d) => byDay.has(d) || d === today);

  const when = (e: Entry, day: Day) => {
    if (e.item.allDay) return t('diary.allDay');
    if (e.item.kind === 'task') return fmt.time(e.start);
    const starts = e.firstDay === day ? fmt.time(e.start) : '…';
    const ends = e.lastDay === day ? fmt.time(e.end) : '…';
    return `${starts}–${ends}`;
  };

  return (
    <div className={classes.frame} data-testid="diary-agenda">
      <div className={classes.agenda}>
        {shown.map((day) => (
          <div key={day} className={classes.agendaDay} data-testid="diary-agenda-day" data-day={formatDayKey(day)}>
            <button
              type="button"
              className={`${classes.agendaDate} ${day === today ? classes.agendaToday : ''}`}
              style={{ all: 'unset', cursor: 'pointer', fontWeight: 600, alignSelf: 'start', paddingTop: 4 }}
              onClick={() => onDayClick(day)}
            >
              {fmt.dayAgenda(day)}
            </button>
            <div>
              {(byDay.get(day) ?? []).map((e) => {
                const { item } = e;
                const completable = item.kind === 'task' || item.kind === 'call';
                return (
                  // biome-ignore lint/a11y/useSemanticElements: the row holds a checkbox
                  <div
                    key={e.key}
                    role="button"
                    tabIndex={0}
                    className={`${classes.agendaRow} ${item.done ? classes.done : ''}`}
                    style={{ '--c': base.colorOf(item) } as CSSProperties}
                    data-testid="diary-item"
                    data-activity-id={item.activityId}
                    data-start={item.start}
                    onClick={() => base.onOpen(item)}
                    onKeyDown={(ev) => {
                      if (ev.key === 'Enter' || ev.key === ' ') {
                        ev.preventDefault();
                        base.onOpen(item);
                      }
                    }}
                  >
                    <span className={classes.agendaTime}>{when(e, day)}</span>
                    {completable ? (
                      <input
                        type="checkbox"
                        className={classes.check}
                        checked={item.done}
                        disabled={!base.canWrite}
                        aria-label={item.done ? base.labels.reopen : base.labels.complete}
                        data-testid="diary-item-done"
                        onClick={(ev) => ev.stopPropagation()}
                        onKeyDown={(ev) => ev.stopPropagation()}
                        onChange={() => base.onToggleDone(item)}
                      />
                    ) : (
                      <span className={classes.dot} style={{ justifySelf: 'center' }} />
                    )}
                    <div className={classes.agendaText}>
                      <span className={classes.chipTitle}>{item.title}</span>{' '}
                      {item.private && <IconLock size={12} className={classes.icon} aria-label={base.labels.private} />}
                      {item.recurring && (
                        <IconRepeat size={12} className={classes.icon} aria-label={base.labels.recurring} />
                      )}
                      {(item.companyName || item.location) && (
                        <div className={classes.agendaMeta}>
                          {[t(`diary.kinds.${item.kind}`), item.companyName, item.location].filter(Boolean).join(' · ')}
                        </div>
                      )}
                    </div>
                  </div>
                );
              })}
              {!byDay.has(day) && (
                <Text size="sm" c="dimmed" py={4} px={6}>
                  {t('diary.nothingPlanned')}
                </Text>
              )}
            </div>
          </div>
        ))}
        {byDay.size === 0 && (
          <Text c="dimmed" ta="center" py="xl">
            {t('diary.nothingInAgenda', { count: days })}
          </Text>
        )}
      </div>
    </div>
  );
}
