import { Button, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Shown while rows are selected: how many, the actions, and a way out. */
export function BulkBar({ count, onClear, children }: { count: number; onClear: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Paper withBorder shadow="sm" px="md" py={6} mb="sm" radius="md" data-testid="bulk-bar">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" fw={600} data-testid="bulk-count">
          {t('lists.selected', { count })}
        </Text>
        <Group gap="xs" wrap="wrap">
          {children}
          <Button variant="subtle" color="gray" size="xs" onClick={onClear}>
            {t('lists.clearSelection')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
