import { ActionIcon, Button, Collapse, Divider, Group, Paper, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { Category } from '@rapport/contracts/categories.ts';
import {
  IconArchive,
  IconArrowDown,
  IconArrowUp,
  IconChevronDown,
  IconChevronRight,
  IconPencil,
  IconPlus,
  IconRestore,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { isApiError } from '../../../lib/api.ts';
import { errorText } from '../../../lib/error-text.ts';
import {
  useArchiveCategory,
  useArchivedCategories,
  useCategories,
  useOrderCategories,
  useRestoreCategory,
} from '../api/categories.ts';
import { CategoryChip } from './category-chip.tsx';
import { CategoryEditor } from './category-editor.tsx';
import { CategoryStats } from './category-stats.tsx';

/**
 * The Settings section of categories: managers create, edit, reorder, archive and restore them;
 * everyone sees the list and the statistics.
 */
export function CategoriesSettings({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const [showArchived, archivedToggle] = useDisclosure(false);
  const archived = useArchivedCategories(canManage && showArchived);
  const order = useOrderCategories();
  const archive = useArchiveCategory();
  const restore = useRestoreCategory();
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const [archiving, setArchiving] = useState<Category | null>(null);

  const fail = (err: unknown) =>
    notifications.show({
      color: isApiError(err) && err.status === 409 ? 'orange' : 'red',
      title: t('common.errorTitle'),
      message: isApiError(err) && err.status === 409 && err.current ? t('categories.orderConflict') : errorText(t, err),
    });

  const moveTo = (i: number, by: number) => {
    const ids = (categories.data ?? []).map((c) => c.id);
    const j = i + by;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
    order.mutate(ids, { onError: fail });
  };

  return (
    <Stack gap="lg" data-testid="categories-settings">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Text size="sm" c="dimmed" maw={620}>
            {t('categories.intro')}
          </Text>
          {canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="category-new">
              {t('categories.new')}
            </Button>
          )}
        </Group>
        {categories.isPending ? (
          <Skeleton height={120} />
        ) : categories.error ? (
          <ErrorState error={categories.error} onRetry={() => void categories.refetch()} />
        ) : categories.data.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <Text size="sm" c="dimmed" ta="center">
              {t('categories.empty')}
            </Text>
          </Paper>
        ) : (
          <Paper withBorder radius="md">
            {categories.data.map((c, i) => (
              <div key={c.id}>
                {i > 0 && <Divider />}
                <Group justify="space-between" wrap="nowrap" px="md" py="sm" data-testid="category-row">
                  <Stack gap={4} miw={0}>
                    <Group gap="xs" wrap="nowrap">
                      <CategoryChip name={c.name} colour={c.colour} />
                      <Text size="xs" c="dimmed">
                        {t('categories.fieldCount', { count: c.fields.length })}
                      </Text>
                    </Group>
                    {c.fields.length > 0 && (
                      <Text size="xs" c="dimmed" truncate>
                        {c.fields
                          .map((f) => `${f.label} (${t(`categories.types.${f.type}`).toLowerCase()})`)
                          .join(', ')}
                      </Text>
                    )}
                    {c.description && (
                      <Text size="sm" truncate>
                        {c.description}
                      </Text>
                    )}
                  </Stack>
                  {canManage && (
                    <Group gap={2} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('categories.moveUp')}
                        disabled={i === 0 || order.isPending}
                        onClick={() => moveTo(i, -1)}
                      >
                        <IconArrowUp size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('categories.moveDown')}
                        disabled={i === categories.data.length - 1 || order.isPending}
                        onClick={() => moveTo(i, 1)}
                      >
                        <IconArrowDown size={16} />
                      </ActionIcon>
                      <Tooltip label={t('common.edit')}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('common.edit')}
                          onClick={() => setEditing(c)}
                          data-testid="category-edit"
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('categories.archive')}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('categories.archive')}
                          onClick={() => setArchiving(c)}
                        >
                          <IconArchive size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  )}
                </Group>
              </div>
            ))}
          </Paper>
        )}
        {canManage && (
          <Stack gap="xs">
            <Button
              variant="subtle"
              color="gray"
              size="compact-sm"
              w="fit-content"
              leftSection={showArchived ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
              onClick={archivedToggle.toggle}
            >
              {t('categories.archived')}
            </Button>
            <Collapse expanded={showArchived}>
              {archived.data?.length === 0 && (
                <Text size="sm" c="dimmed" pl="md">
                  {t('categories.empty')}
                </Text>
              )}
              <Group gap="xs" pl="md">
                {archived.data?.map((c) => (
                  <Group key={c.id} gap={4} wrap="nowrap">
                    <CategoryChip name={c.name} colour={c.colour} size="sm" />
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconRestore size={12} />}
                      loading={restore.isPending && restore.variables === c.id}
                      onClick={() => restore.mutate(c.id, { onError: fail })}
                    >
                      {t('categories.restore')}
                    </Button>
                  </Group>
                ))}
              </Group>
            </Collapse>
          </Stack>
        )}
      </Stack>

      <CategoryStats />

      <CategoryEditor
        category={editing === 'new' ? null : editing}
        opened={editing !== null}
        onClose={() => setEditing(null)}
      />
      <ConfirmModal
        opened={archiving !== null}
        title={t('categories.archiveTitle', { name: archiving?.name ?? '' })}
        confirmLabel={t('categories.archive')}
        loading={archive.isPending}
        onConfirm={() =>
          archiving &&
          archive.mutate(archiving.id, {
            onSuccess: () => setArchiving(null),
            onError: (err) => {
              setArchiving(null);
              fail(err);
            },
          })
        }
        onClose={() => setArchiving(null)}
      >
        {t('categories.archiveText')}
      </ConfirmModal>
    </Stack>
  );
}
