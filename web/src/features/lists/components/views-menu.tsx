import { Badge, Button, Checkbox, Group, Menu, Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { View, ViewEntity } from '@rapport/contracts/views.ts';
import {
  IconChevronDown,
  IconDeviceFloppy,
  IconLayoutList,
  IconLink,
  IconPencil,
  IconStar,
  IconStarFilled,
  IconTrash,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { errorText } from '../../../lib/error-text.ts';
import { usePermissions } from '../../../lib/session.ts';
import { useCreateView, useDefaultView, useDeleteView, useUpdateView } from '../api/views.ts';
import type { ListState } from '../use-list-state.ts';

type Dialog = null | 'save' | 'rename' | 'delete';

/** Saved views of a list: pick one, save the current columns/filters/sort, rename, share, delete, default. */
export function ViewsMenu({
  entity,
  list,
  standardLabel,
}: {
  entity: ViewEntity;
  list: ListState;
  standardLabel: string;
}) {
  const { t } = useTranslation();
  const { canWrite } = usePermissions();
  const [dialog, setDialog] = useState<Dialog>(null);
  const create = useCreateView(entity);
  const update = useUpdateView(entity);
  const remove = useDeleteView(entity);
  const setDefault = useDefaultView(entity);
  const all = list.views.data ?? [];
  const shared = all.filter((v) => v.shared);
  const personal = all.filter((v) => !v.shared);
  const { view, modified, snapshot } = list;
  const fail = (err: Error) =>
    notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });

  const title = view ? view.name : list.viewId ? t('lists.views.linked') : standardLabel;

  const item = (v: View) => (
    <Menu.Item
      key={v.id}
      onClick={() => list.applyView(v)}
      leftSection={v.shared ? <IconUsersGroup size={15} /> : <IconLayoutList size={15} />}
      rightSection={v.isDefault ? <IconStarFilled size={13} color="var(--mantine-color-yellow-6)" /> : null}
      fw={v.id === view?.id ? 600 : undefined}
      data-testid="view-item"
    >
      {v.name}
    </Menu.Item>
  );

  const saveChanges = () =>
    view &&
    update.mutate(
      {
        id: view.id,
        version: view.version,
        columns: snapshot.columns,
        filters: snapshot.filters,
        sort: snapshot.sort,
        q: snapshot.q || null,
      },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('lists.views.saved', { name: view.name }) }),
        onError: fail,
      },
    );

  return (
    <>
      <Menu position="bottom-start" shadow="md" width={280} withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            rightSection={<IconChevronDown size={14} />}
            leftSection={view?.shared ? <IconUsersGroup size={16} /> : <IconLayoutList size={16} />}
            data-testid="views-open"
            maw={260}
          >
            <Text span size="sm" fw={500} truncate>
              {title}
            </Text>
            {modified && (
              <Badge size="xs" variant="light" color="orange" ml={6} data-testid="view-modified">
                {t('lists.views.modified')}
              </Badge>
            )}
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid="views-menu">
          <Menu.Item
            leftSection={<IconLayoutList size={15} />}
            onClick={() => list.applyView(null)}
            fw={!list.viewId ? 600 : undefined}
            data-testid="view-standard"
          >
            {standardLabel}
          </Menu.Item>
          {shared.length > 0 && <Menu.Label>{t('lists.views.shared')}</Menu.Label>}
          {shared.map(item)}
          {personal.length > 0 && <Menu.Label>{t('lists.views.personal')}</Menu.Label>}
          {personal.map(item)}
          <Menu.Divider />
          {view && modified && view.canEdit && (
            <Menu.Item
              leftSection={<IconDeviceFloppy size={15} />}
              onClick={saveChanges}
              data-testid="view-save-changes"
            >
              {t('lists.views.saveChanges', { name: view.name })}
            </Menu.Item>
          )}
          <Menu.Item
            leftSection={<IconDeviceFloppy size={15} />}
            onClick={() => setDialog('save')}
            data-testid="view-save-as"
          >
            {t('lists.views.saveAs')}
          </Menu.Item>
          {view && (
            <Menu.Item
              leftSection={view.isDefault ? <IconStar size={15} /> : <IconStarFilled size={15} />}
              onClick={() =>
                setDefault.mutate(
                  { id: view.id, on: !view.isDefault },
                  {
                    onSuccess: () =>
                      notifications.show({
                        message: view.isDefault
                          ? t('lists.views.defaultOff', { name: view.name })
                          : t('lists.views.defaultOn', { name: view.name }),
                      }),
                    onError: fail,
                  },
                )
              }
              data-testid="view-default"
            >
              {view.isDefault ? t('lists.views.unsetDefault') : t('lists.views.setDefault')}
            </Menu.Item>
          )}
          <Menu.Item
            leftSection={<IconLink size={15} />}
            onClick={() =>
              void navigator.clipboard
                ?.writeText(window.location.href)
                .then(() => notifications.show({ message: t('lists.views.linkCopied') }))
            }
          >
            {t('lists.views.copyLink')}
          </Menu.Item>
          {view?.canEdit && (
            <>
              <Menu.Item
                leftSection={<IconPencil size={15} />}
                onClick={() => setDialog('rename')}
                data-testid="view-rename"
              >
                {t('lists.views.rename')}
              </Menu.Item>
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={15} />}
                onClick={() => setDialog('delete')}
                data-testid="view-delete"
              >
                {t('lists.views.delete')}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>

      <SaveViewModal
        opened={dialog === 'save'}
        canShare={canWrite}
        loading={create.isPending}
        onClose={() => setDialog(null)}
        onSave={({ name, shared: isShared, isDefault }) =>
          create.mutate(
            {
              entity,
              name,
              shared: isShared,
              isDefault,
              columns: snapshot.columns,
              filters: snapshot.filters,
              sort: snapshot.sort,
              q: snapshot.q || null,
            },
            {
              onSuccess: (v) => {
                setDialog(null);
                list.applyView(v as View);
                notifications.show({ color: 'green', message: t('lists.views.created', { name }) });
              },
              onError: fail,
            },
          )
        }
      />
      {view && (
        <RenameViewModal
          key={view.id}
          opened={dialog === 'rename'}
          initial={view.name}
          loading={update.isPending}
          onClose={() => setDialog(null)}
          onSave={(name) =>
            update.mutate(
              { id: view.id, version: view.version, name },
              { onSuccess: () => setDialog(null), onError: fail },
            )
          }
        />
      )}
      <ConfirmModal
        opened={dialog === 'delete' && view !== undefined}
        title={t('lists.views.deleteTitle')}
        confirmLabel={t('lists.views.delete')}
        loading={remove.isPending}
        onClose={() => setDialog(null)}
        onConfirm={() =>
          view &&
          remove.mutate(view.id, {
            onSuccess: () => {
              setDialog(null);
              list.applyView(null);
              notifications.show({ message: t('lists.views.deleted', { name: view.name }) });
            },
            onError: fail,
          })
        }
      >
        {t('lists.views.deleteText', { name: view?.name ?? '' })}
      </ConfirmModal>
    </>
  );
}

function SaveViewModal({
  opened,
  canShare,
  loading,
  onClose,
  onSave,
}: {
  opened: boolean;
  canShare: boolean;
  loading: boolean;
  onClose: () => void;
  onSave: (v: { name: string; shared: boolean; isDefault: boolean }) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [isDefault, setIsDefault] = useState(false);
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{t('lists.views.saveAs')}</Text>} centered size="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) onSave({ name: name.trim(), shared, isDefault });
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('lists.views.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={100}
            required
            data-autofocus
            data-testid="view-name"
          />
          {canShare && (
            <Switch
              label={t('lists.views.shareWithWorkspace')}
              description={t('lists.views.shareHint')}
              checked={shared}
              onChange={(e) => setShared(e.currentTarget.checked)}
              data-testid="view-shared"
            />
          )}
          <Checkbox
            label={t('lists.views.openByDefault')}
            checked={isDefault}
            onChange={(e) => setIsDefault(e.currentTarget.checked)}
            data-testid="view-is-default"
          />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={loading} disabled={!name.trim()} data-testid="view-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RenameViewModal({
  opened,
  initial,
  loading,
  onClose,
  onSave,
}: {
  opened: boolean;
  initial: string;
  loading: boolean;
  onClose: () => void;
  onSave: (name: string) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{t('lists.views.rename')}</Text>} centered size="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) onSave(name.trim());
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('lists.views.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={100}
            required
            data-autofocus
            data-testid="view-rename-name"
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={loading} disabled={!name.trim()}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
