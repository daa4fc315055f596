import {
  ActionIcon,
  Badge,
  Button,
  ColorSwatch,
  Group,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ActivityType } from '@rapport/contracts/activities.ts';
import { IconArchive, IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { errorText } from '../../../lib/error-text.ts';
import {
  useActivityTypesWithArchived,
  useArchiveActivityType,
  useOrderActivityTypes,
  useRestoreActivityType,
} from '../api/activity-types.ts';
import { ActivityTypeEditor } from './activity-type-editor.tsx';

/**
 * Settings: activity types and the points each earns. Everyone sees them; administrators add, change, reorder,
 * archive and restore them (the three built-in ones keep their names and cannot be archived).
 */
export function ActivityTypesPanel({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const types = useActivityTypesWithArchived();
  const order = useOrderActivityTypes();
  const archive = useArchiveActivityType();
  const restore = useRestoreActivityType();
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<ActivityType | 'new' | null>(null);
  const [archiving, setArchiving] = useState<ActivityType | null>(null);

  const fail = (err: unknown) =>
    notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });
  const nameOf = (x: ActivityType) => x.name ?? t(`activityTypes.kinds.${x.kind}`);

  if (types.error) return <ErrorState error={types.error} onRetry={() => void types.refetch()} />;
  const all = types.data ?? [];
  const active = all.filter((x) => !x.archived);
  const shown = showArchived ? [...active, ...all.filter((x) => x.archived)] : active;

  const move = (i: number, by: number) => {
    const ids = active.map((x) => x.id);
    const j = i + by;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
    order.mutate(ids, { onError: fail });
  };

  return (
    <Stack gap="md" data-testid="activity-types-panel">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={640}>
          {t('activityTypes.intro')}
        </Text>
        {isAdmin && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing('new')}
            data-testid="activity-type-new"
          >
            {t('activityTypes.new')}
          </Button>
        )}
      </Group>
      {!isAdmin && (
        <Text size="xs" c="dimmed">
          {t('activityTypes.adminOnly')}
        </Text>
      )}
      {types.isPending ? (
        <Skeleton height={180} />
      ) : (
        <Paper withBorder radius="md">
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('activityTypes.name')}</Table.Th>
                <Table.Th>{t('activityTypes.kind')}</Table.Th>
                <Table.Th ta="right">{t('activityTypes.points')}</Table.Th>
                <Table.Th ta="right">{t('activityTypes.defaultMinutes')}</Table.Th>
                {isAdmin && <Table.Th w={150} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((x) => {
                const i = active.indexOf(x);
                return (
                  <Table.Tr key={x.id} data-testid="activity-type-row" opacity={x.archived ? 0.6 : 1}>
                    <Table.Td>
                      <Group gap="sm" wrap="nowrap">
                        <ColorSwatch color={x.color ?? 'var(--mantine-color-gray-4)'} size={14} />
                        <Text size="sm" fw={500}>
                          {nameOf(x)}
                        </Text>
                        {x.builtin && (
                          <Badge size="xs" variant="light" color="gray">
                            {t('activityTypes.builtin')}
                          </Badge>
                        )}
                        {x.archived && (
                          <Badge size="xs" variant="light" color="orange">
                            {t('activityTypes.archived')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {t(`activityTypes.kinds.${x.kind}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" fw={600} data-testid="activity-type-points-value">
                        {x.points}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" c="dimmed">
                        {x.defaultMinutes === null ? '—' : t('activityTypes.minutes', { count: x.defaultMinutes })}
                      </Text>
                    </Table.Td>
                    {isAdmin && (
                      <Table.Td>
                        <Group gap={2} justify="flex-end" wrap="nowrap">
                          {!x.archived && (
                            <>
                              <Tooltip label={t('activityTypes.moveUp')}>
                                <ActionIcon
                                  variant="subtle"
                                  color="gray"
                                  disabled={i === 0 || order.isPending}
                                  onClick={() => move(i, -1)}
                                  aria-label={t('activityTypes.moveUp')}
                                >
                                  <IconArrowUp size={16} />
                                </ActionIcon>
                              </Tooltip>
                              <Tooltip label={t('activityTypes.moveDown')}>
                                <ActionIcon
                                  variant="subtle"
                                  color="gray"
                                  disabled={i === active.length - 1 || order.isPending}
                                  onClick={() => move(i, 1)}
                                  aria-label={t('activityTypes.moveDown')}
                                >
                                  <IconArrowDown size={16} />
                                </ActionIcon>
                              </Tooltip>
                              <Tooltip label={t('common.edit')}>
                                <ActionIcon
                                  variant="subtle"
                                  onClick={() => setEditing(x)}
                                  aria-label={`${t('common.edit')} ${nameOf(x)}`}
                                  data-testid="activity-type-edit"
                                >
                                  <IconPencil size={16} />
                                </ActionIcon>
                              </Tooltip>
                            </>
                          )}
                          {!x.builtin &&
                            (x.archived ? (
                              <Tooltip label={t('activityTypes.restore')}>
                                <ActionIcon
                                  variant="subtle"
                                  color="teal"
                                  onClick={() =>
                                    restore.mutate(x.id, {
                                      onSuccess: () =>
                                        notifications.show({ color: 'green', message: t('activityTypes.restored') }),
                                      onError: fail,
                                    })
                                  }
                                  aria-label={t('activityTypes.restore')}
                                >
                                  <IconRestore size={16} />
                                </ActionIcon>
                              </Tooltip>
                            ) : (
                              <Tooltip label={t('activityTypes.archive')}>
                                <ActionIcon
                                  variant="subtle"
                                  color="red"
                                  onClick={() => setArchiving(x)}
                                  aria-label={t('activityTypes.archive')}
                                >
                                  <IconArchive size={16} />
                                </ActionIcon>
                              </Tooltip>
                            ))}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {all.some((x) => x.archived) && (
        <Switch
          size="xs"
          label={t('activityTypes.showArchived')}
          checked={showArchived}
          onChange={(e) => setShowArchived(e.currentTarget.checked)}
        />
      )}
      <ActivityTypeEditor
        opened={editing !== null}
        type={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(created) => {
          setEditing(null);
          notifications.show({
            color: 'green',
            message: created ? t('activityTypes.created') : t('activityTypes.saved'),
          });
        }}
      />
      <ConfirmModal
        opened={archiving !== null}
        title={t('activityTypes.archiveTitle', { name: archiving ? nameOf(archiving) : '' })}
        confirmLabel={t('activityTypes.archive')}
        loading={archive.isPending}
        onClose={() => setArchiving(null)}
        onConfirm={() =>
          archiving &&
          archive.mutate(archiving.id, {
            onSuccess: () => {
              setArchiving(null);
              notifications.show({ color: 'green', message: t('activityTypes.archivedDone') });
            },
            onError: fail,
          })
        }
      >
        {t('activityTypes.archiveText')}
      </ConfirmModal>
    </Stack>
  );
}
