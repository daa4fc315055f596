import { Badge, Group, Highlight, Kbd, Loader, Paper, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconBuilding,
  IconBuildingBank,
  IconCalendarEvent,
  IconChecklist,
  IconPhone,
  IconPlus,
  IconSearch,
  IconUser,
  IconUserPlus,
} from '@tabler/icons-react';
import { type KeyboardEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/error-text.ts';
import { useFormat } from '../../../lib/format.ts';
import { usePermissions } from '../../../lib/session.ts';
import { useCreateFromSearch, useRegistryHits, useSearch } from '../api/search.ts';
import classes from './global-search.module.css';
import {
  buildGroups,
  companyFromRegistry,
  contactFromText,
  defaultKey,
  type Entry,
  type GroupId,
  groupKey,
  moveKey,
} from './search-entries.ts';

export type SearchTarget = { kind: 'company' | 'contact' | 'activity'; id: string };

/**
 * The search box of the top bar (an ARIA combobox): companies, contacts, the caller's activities and registry hits
 * as you type.
 * ↑/↓ move, Tab / Shift+Tab jump between groups, Enter opens — or imports a registry hit, or creates a
 * company or contact from the typed text — and Escape closes.
 */
export function GlobalSearch({ onOpen }: { onOpen: (target: SearchTarget) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { canWrite } = usePermissions();
  const [value, setValue] = useState('');
  const [open, setOpen] = useState(false);
  const [debounced] = useDebouncedValue(value, 200);
  const [settled] = useDebouncedValue(value, 450);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const listboxId = `${id}-listbox`;
  const search = useSearch(debounced);
  const registry = useRegistryHits(settled, canWrite && open);
  const create = useCreateFromSearch();
  const text = value.trim();
  // Hits belong to what is typed now only when they answered this very text.
  const current = debounced.trim() === text && !search.isPlaceholderData && !search.isFetching;
  const registryCurrent = settled.trim() === text;

  const groups = useMemo(
    () =>
      buildGroups({
        text,
        companies: search.data?.companies ?? [],
        contacts: search.data?.contacts ?? [],
        activities: search.data?.activities ?? [],
        registry: registryCurrent ? (registry.data?.hits ?? []) : [],
        canCreate: canWrite,
      }),
    [text, search.data, registry.data, registryCurrent, canWrite],
  );
  const entries = groups.flatMap((g) => g.entries);

  // The highlighted entry: the first hit until the user moves, then theirs while it stays listed.
  const [chosen, setChosen] = useState<string | null>(null);
  const active = chosen && entries.some((e) => e.key === chosen) ? chosen : defaultKey(groups);
  const choose = (key: string | null) => setChosen(key);

  // Enter pressed before the hits for the typed text arrived: open the first hit once they do.
  const pendingEnter = useRef<string | null>(null);
  useEffect(() => {
    if (pendingEnter.current === null || !current) return;
    if (pendingEnter.current !== text) {
      pendingEnter.current = null;
      return;
    }
    pendingEnter.current = null;
    const first = entries.find((e) => e.kind === 'company' || e.kind === 'contact');
    if (first) void activate(first);
  });

  useHotkeys([
    [
      'mod+K',
      () => {
        inputRef.current?.focus();
        inputRef.current?.select();
      },
    ],
  ]);

  // Keep the highlighted entry in view.
  useEffect(() => {
    if (!active) return;
    const el = listRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(active)}"]`);
    el?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const close = () => {
    setOpen(false);
    setChosen(null);
  };
  const done = (target: SearchTarget) => {
    close();
    setValue('');
    inputRef.current?.blur();
    onOpen(target);
  };
  const fail = (err: Error) =>
    notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });

  async function activate(entry: Entry) {
    if (create.isPending) return;
    if (entry.kind === 'company' || entry.kind === 'contact') return done({ kind: entry.kind, id: entry.hit.id });
    if (entry.kind === 'activity') return done({ kind: 'activity', id: entry.activity.id });
    if (entry.kind === 'registry') {
      const hit = entry.registry;
      if (hit.existingCompanyId) return done({ kind: 'company', id: hit.existingCompanyId });
      create.mutate(
        { kind: 'company', body: companyFromRegistry(hit) },
        {
          onSuccess: ({ record }) => {
            notifications.show({ color: 'green', message: t('globalSearch.imported', { name: hit.name }) });
            done({ kind: 'company', id: record.id });
          },
          onError: fail,
        },
      );
      return;
    }
    // A new record from the typed text; its card opens to complete it.
    create.mutate(
      entry.kind === 'newCompany'
        ? { kind: 'company', body: { name: entry.text } }
        : { kind: 'contact', body: contactFromText(entry.text) },
      {
        onSuccess: ({ kind, record }) => {
          notifications.show({ color: 'green', message: t('globalSearch.created', { name: entry.text }) });
          done({ kind, id: record.id });
        },
        onError: fail,
      },
    );
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      if (open) close();
      else setValue('');
      return;
    }
    if (!text) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      choose(moveKey(groups, active, e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Tab' && open && groups.length > 1) {
      e.preventDefault();
      choose(groupKey(groups, active, e.shiftKey ? -1 : 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const entry = entries.find((x) => x.key === active);
      // Hits of an older text must not open: wait for the ones of this text.
      if (!current && (chosen === null || entry?.kind === 'company' || entry?.kind === 'contact')) {
        pendingEnter.current = text;
        setOpen(true);
        return;
      }
      if (entry) void activate(entry);
    }
  };

  const showDropdown = open && text.length > 0;
  const label = (g: GroupId) =>
    g === 'companies'
      ? t('search.companies')
      : g === 'contacts'
        ? t('search.contacts')
        : g === 'activities'
          ? t('globalSearch.activities')
          : g === 'registry'
            ? t('globalSearch.registry')
            : t('globalSearch.create');
  const optionId = (key: string) => `${id}-opt-${entries.findIndex((e) => e.key === key)}`;

  const renderEntry = (entry: Entry): ReactNode => {
    let icon: ReactNode;
    let title: ReactNode;
    let subtitle: ReactNode = null;
    let right: ReactNode = null;
    let testId = 'search-result';
    if (entry.kind === 'company' || entry.kind === 'contact') {
      icon = entry.kind === 'company' ? <IconBuilding size={16} /> : <IconUser size={16} />;
      title = (
        <Highlight highlight={text} size="sm" fw={500} truncate>
          {entry.hit.title}
        </Highlight>
      );
      subtitle = entry.hit.subtitle;
    } else if (entry.kind === 'activity') {
      const a = entry.activity;
      icon =
        a.activityKind === 'task' ? (
          <IconChecklist size={16} />
        ) : a.activityKind === 'call' ? (
          <IconPhone size={16} />
        ) : (
          <IconCalendarEvent size={16} />
        );
      title = (
        <Highlight highlight={text} size="sm" fw={500} truncate td={a.done ? 'line-through' : undefined}>
          {a.title}
        </Highlight>
      );
      subtitle = [a.start ? fmt.dateTime(a.start) : null, a.subtitle].filter(Boolean).join(' · ');
      testId = 'search-activity';
    } else if (entry.kind === 'registry') {
      const hit = entry.registry;
      icon = <IconBuildingBank size={16} />;
      title = (
        <Highlight highlight={text} size="sm" fw={500} truncate>
          {hit.name}
        </Highlight>
      );
      subtitle = [hit.orgNumber, hit.addresses[0]?.city, hit.industry].filter(Boolean).join(' · ');
      right = hit.existingCompanyId ? (
        <Badge size="xs" variant="light" color="gray">
          {t('globalSearch.inRapport')}
        </Badge>
      ) : (
        <Text size="xs" c="dimmed">
          {t('globalSearch.import')}
        </Text>
      );
      testId = 'search-registry-hit';
    } else {
      icon = entry.kind === 'newCompany' ? <IconPlus size={16} /> : <IconUserPlus size={16} />;
      title = (
        <Text size="sm" fw={500} truncate>
          {entry.kind === 'newCompany'
            ? t('globalSearch.newCompany', { text: entry.text })
            : t('globalSearch.newContact', { text: entry.text })}
        </Text>
      );
      testId = entry.kind === 'newCompany' ? 'search-new-company' : 'search-new-contact';
    }
    const selected = entry.key === active;
    return (
      // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keyboard (aria-activedescendant)
      <div
        key={entry.key}
        id={optionId(entry.key)}
        role="option"
        tabIndex={-1}
        aria-selected={selected}
        data-key={entry.key}
        data-active={selected || undefined}
        className={classes.option}
        onMouseDown={(e) => e.preventDefault()}
        onMouseMove={() => !selected && choose(entry.key)}
        onClick={() => void activate(entry)}
        data-testid={testId}
      >
        <span className={classes.icon}>{icon}</span>
        <div className={classes.text}>
          {title}
          {subtitle && (
            <Text size="xs" c="dimmed" truncate>
              {subtitle}
            </Text>
          )}
        </div>
        {create.isPending && selected ? <Loader size={14} /> : right}
      </div>
    );
  };

  const registryNote =
    canWrite && text.length >= 3 && registryCurrent
      ? registry.isFetching && !groups.some((g) => g.id === 'registry')
        ? t('globalSearch.registrySearching')
        : registry.data && registry.data.problems.length > 0 && registry.data.hits.length === 0
          ? t('globalSearch.registryDown')
          : null
      : null;

  return (
    <div className={classes.root}>
      <TextInput
        ref={inputRef}
        value={value}
        onChange={(e) => {
          setValue(e.currentTarget.value);
          setChosen(null);
          setOpen(e.currentTarget.value.trim() !== '');
        }}
        onFocus={() => value.trim() && setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
        placeholder={t('shell.searchPlaceholder')}
        aria-label={t('shell.searchPlaceholder')}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showDropdown}
        aria-controls={listboxId}
        aria-activedescendant={showDropdown && active ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        leftSection={<IconSearch size={16} />}
        rightSection={
          search.isFetching || create.isPending ? (
            <Loader size={14} />
          ) : (
            <Kbd size="xs" visibleFrom="md">
              Ctrl K
            </Kbd>
          )
        }
        rightSectionWidth={56}
        data-testid="global-search"
        w="100%"
        radius="md"
      />
      {showDropdown && (
        // Clicks inside (a scrollbar, the key hints) keep the focus in the search box.
        <Paper className={classes.dropdown} shadow="md" withBorder radius="md" onMouseDown={(e) => e.preventDefault()}>
          <div
            ref={listRef}
            id={listboxId}
            role="listbox"
            aria-label={t('shell.searchPlaceholder')}
            className={classes.list}
            data-testid="search-dropdown"
          >
            {groups.map((g) => (
              // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox (ARIA combobox pattern)
              <div key={g.id} role="group" aria-labelledby={`${id}-${g.id}`} data-group={g.id}>
                <div id={`${id}-${g.id}`} className={classes.groupLabel} role="presentation">
                  {label(g.id)}
                </div>
                {g.entries.map(renderEntry)}
              </div>
            ))}
            {search.data && current && groups.every((g) => g.id === 'create' || g.id === 'registry') && (
              <Text size="sm" c="dimmed" px="sm" py={8}>
                {t('search.noHits', { q: text })}
              </Text>
            )}
            {!search.data && search.isFetching && (
              <Text size="sm" c="dimmed" px="sm" py={8}>
                {t('search.searching')}
              </Text>
            )}
          </div>
          <Group className={classes.footer} gap="md" justify="space-between" wrap="nowrap">
            <Group gap="md" wrap="nowrap">
              <span>
                <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> {t('globalSearch.keysMove')}
              </span>
              <span>
                <Kbd size="xs">Tab</Kbd> {t('globalSearch.keysGroup')}
              </span>
              <span>
                <Kbd size="xs">Enter</Kbd> {t('globalSearch.keysOpen')}
              </span>
            </Group>
            {registryNote && <span>{registryNote}</span>}
          </Group>
        </Paper>
      )}
    </div>
  );
}
