import { ActionIcon, Button, Checkbox, Group, Popover, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns3 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * Which columns a list shows, and in which order. `value` is the ordered list of visible keys;
 * hidden columns follow in their natural order.
 */
export function ColumnChooser({
  columns,
  value,
  defaults,
  onChange,
}: {
  columns: { key: string; label: string }[];
  value: string[];
  defaults: string[];
  onChange: (keys: string[]) => void;
}) {
  const { t } = useTranslation();
  const ordered = [
    ...value.map((k) => columns.find((c) => c.key === k)).filter((c): c is { key: string; label: string } => !!c),
    ...columns.filter((c) => !value.includes(c.key)),
  ];
  const move = (key: string, by: number) => {
    const i = value.indexOf(key);
    const j = i + by;
    if (i < 0 || j < 0 || j >= value.length) return;
    const next = [...value];
    [next[i], next[j]] = [next[j] as string, next[i] as string];
    onChange(next);
  };
  return (
    <Popover position="bottom-end" shadow="md" width={300} withinPortal>
      <Popover.Target>
        <ActionIcon
          variant="default"
          size={36}
          aria-label={t('lists.columns')}
          title={t('lists.columns')}
          data-testid="columns-open"
        >
          <IconColumns3 size={18} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={4} mah={420} style={{ overflowY: 'auto' }} data-testid="column-chooser">
          {ordered.map((c) => {
            const shown = value.includes(c.key);
            const index = value.indexOf(c.key);
            return (
              <Group key={c.key} gap={4} wrap="nowrap" justify="space-between">
                <Checkbox
                  label={<Text size="sm">{c.label}</Text>}
                  checked={shown}
                  disabled={shown && value.length === 1}
                  onChange={() => onChange(shown ? value.filter((k) => k !== c.key) : [...value, c.key])}
                  data-testid={`column-${c.key}`}
                />
                {shown && (
                  <Group gap={0} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      aria-label={t('lists.moveUp')}
                      disabled={index === 0}
                      onClick={() => move(c.key, -1)}
                    >
                      <IconArrowUp size={14} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      aria-label={t('lists.moveDown')}
                      disabled={index === value.length - 1}
                      onClick={() => move(c.key, 1)}
                    >
                      <IconArrowDown size={14} />
                    </ActionIcon>
                  </Group>
                )}
              </Group>
            );
          })}
          <Button variant="subtle" size="xs" color="gray" mt={4} onClick={() => onChange(defaults)}>
            {t('lists.resetColumns')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
