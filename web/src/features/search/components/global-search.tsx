import { Combobox, Group, Kbd, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import type { SearchHit } from '@rapport/contracts/search.ts';
import { IconBuilding, IconSearch, IconUser } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearch } from '../api/search.ts';

/** The search box of the top bar: companies and contacts as you type; arrows and Enter to open one. */
export function GlobalSearch({ onOpen }: { onOpen: (hit: SearchHit) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [debounced] = useDebouncedValue(value, 200);
  const inputRef = useRef<HTMLInputElement>(null);
  const store = useCombobox({ onDropdownClose: () => store.resetSelectedOption() });
  const search = useSearch(debounced);
  const hits = search.data;
  const current = debounced.trim() === value.trim();
  const all = [...(hits?.companies ?? []), ...(hits?.contacts ?? [])];

  useHotkeys([
    [
      'mod+K',
      () => {
        inputRef.current?.focus();
        inputRef.current?.select();
      },
    ],
  ]);

  // Keep the first hit selected so Enter opens it.
  useEffect(() => {
    if (hits && current) store.selectFirstOption();
  }, [hits, current, store]);

  const open = (key: string) => {
    const hit = all.find((h) => `${h.kind}:${h.id}` === key);
    if (!hit) return;
    store.closeDropdown();
    setValue('');
    inputRef.current?.blur();
    onOpen(hit);
  };

  const option = (h: SearchHit) => (
    <Combobox.Option value={`${h.kind}:${h.id}`} key={h.id} data-testid="search-result">
      <Group gap="sm" wrap="nowrap">
        {h.kind === 'company' ? <IconBuilding size={16} opacity={0.6} /> : <IconUser size={16} opacity={0.6} />}
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} truncate>
            {h.title}
          </Text>
          {h.subtitle && (
            <Text size="xs" opacity={0.7} truncate>
              {h.subtitle}
            </Text>
          )}
        </div>
      </Group>
    </Combobox.Option>
  );

  const showDropdown = value.trim().length > 0;

  return (
    <Combobox store={store} onOptionSubmit={open} withinPortal position="bottom-start" width="target">
      <Combobox.Target>
        <TextInput
          ref={inputRef}
          value={value}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            if (e.currentTarget.value.trim()) store.openDropdown();
            else store.closeDropdown();
          }}
          onFocus={() => value.trim() && store.openDropdown()}
          onBlur={() => store.closeDropdown()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setValue('');
              store.closeDropdown();
            }
          }}
          placeholder={t('shell.searchPlaceholder')}
          aria-label={t('shell.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          rightSection={
            search.isFetching ? (
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
      </Combobox.Target>
      <Combobox.Dropdown hidden={!showDropdown}>
        <Combobox.Options mah={420} style={{ overflowY: 'auto' }}>
          {!hits && search.isFetching && <Combobox.Empty>{t('search.searching')}</Combobox.Empty>}
          {hits && all.length === 0 && <Combobox.Empty>{t('search.noHits', { q: debounced.trim() })}</Combobox.Empty>}
          {hits && hits.companies.length > 0 && (
            <Combobox.Group label={t('search.companies')}>{hits.companies.map(option)}</Combobox.Group>
          )}
          {hits && hits.contacts.length > 0 && (
            <Combobox.Group label={t('search.contacts')}>{hits.contacts.map(option)}</Combobox.Group>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
