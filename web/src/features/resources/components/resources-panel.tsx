import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Resource } from '@rapport/contracts/activities.ts';
import { IconArchive, IconArrowBackUp, IconDeviceProjector, IconDoor, IconPencil, IconPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { isApiError } from '../../../lib/api.ts';
import { errorText } from '../../../lib/error-text.ts';
import { type ResourceInput, useCreateResource, useResources, useUpdateResource } from '../api/resources.ts';

/** Settings: bookable rooms and equipment. Everyone sees them; managers and administrators change them. */
export function ResourcesPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const [showArchived, setShowArchived] = useState(false);
  const list = useResources(showArchived);
  const update = useUpdateResource();
  const [editing, setEditing] = useState<Resource | null>(null);
  const [archiving, setArchiving] = useState<Resource | null>(null);
  const items = list.data?.items ?? [];

  const setArchived = (r: Resource, archived: boolean) =>
    update.mutate(
      { id: r.id, version: r.version, archived },
      {
        onSuccess: () => {
          setArchiving(null);
          notifications.show({
            color: 'green',
            message: t(archived ? 'resources.archived' : 'resources.restored', { name: r.name }),
          });
        },
        onError: (err) => {
          setArchiving(null);
          notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });
        },
      },
    );

  return (
    <Stack gap="lg" data-testid="resources-panel">
      <Text size="sm" c="dimmed" maw={720}>
        {t('resources.intro')}
      </Text>
      {canManage ? <NewResourceForm /> : <Alert color="gray">{t('resources.readOnly')}</Alert>}
      <Group justify="flex-end">
        <Switch
          label={t('resources.showArchived')}
          checked={showArchived}
          onChange={(e) => setShowArchived(e.currentTarget.checked)}
          data-testid="resources-show-archived"
        />
      </Group>
      {list.isPending ? (
        <Skeleton height={160} />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="resources-empty">
          {canManage ? t('resources.emptyManager') : t('resources.empty')}
        </Text>
      ) : (
        <Table verticalSpacing={8} highlightOnHover data-testid="resources-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('resources.name')}</Table.Th>
              <Table.Th w={140}>{t('resources.kind')}</Table.Th>
              <Table.Th w={110}>{t('resources.capacity')}</Table.Th>
              <Table.Th>{t('resources.location')}</Table.Th>
              {canManage && <Table.Th w={90} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id} data-testid="resource-row" style={r.archived ? { opacity: 0.6 } : undefined}>
                <Table.Td>
                  <Group gap={8} wrap="nowrap">
                    {r.kind === 'room' ? (
                      <IconDoor size={16} style={{ opacity: 0.6, flexShrink: 0 }} />
                    ) : (
                      <IconDeviceProjector size={16} style={{ opacity: 0.6, flexShrink: 0 }} />
                    )}
                    <div>
                      <Text size="sm" fw={500}>
                        {r.name}
                      </Text>
                      {r.description && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {r.description}
                        </Text>
                      )}
                    </div>
                    {r.archived && (
                      <Badge variant="outline" color="gray" size="sm">
                        {t('resources.archivedBadge')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.kind === 'room' ? t('resources.room') : t('resources.equipment')}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.capacity ? t('resources.people', { count: r.capacity }) : t('common.none')}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.location ?? t('common.none')}</Text>
                </Table.Td>
                {canManage && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      {r.archived ? (
                        <Tooltip label={t('resources.restore')}>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={t('resources.restore')}
                            onClick={() => setArchived(r, false)}
                            data-testid="resource-restore"
                          >
                            <IconArrowBackUp size={16} />
                          </ActionIcon>
                        </Tooltip>
                      ) : (
                        <>
                          <Tooltip label={t('resources.edit')}>
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label={t('resources.edit')}
                              onClick={() => setEditing(r)}
                              data-testid="resource-edit"
                            >
                              <IconPencil size={16} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={t('resources.archive')}>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t('resources.archive')}
                              onClick={() => setArchiving(r)}
                              data-testid="resource-archive"
                            >
                              <IconArchive size={16} />
                            </ActionIcon>
                          </Tooltip>
                        </>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <EditModal resource={editing} onClose={() => setEditing(null)} />
      <ConfirmModal
        opened={archiving !== null}
        title={t('resources.archiveTitle', { name: archiving?.name ?? '' })}
        confirmLabel={t('resources.archive')}
        loading={update.isPending}
        onClose={() => setArchiving(null)}
        onConfirm={() => archiving && setArchived(archiving, true)}
      >
        {t('resources.archiveText', { name: archiving?.name ?? '' })}
      </ConfirmModal>
    </Stack>
  );
}

const blank: ResourceInput = { name: '', kind: 'room', capacity: null, location: null, description: '' };

function ResourceFields({
  value,
  onChange,
  errors,
  withDescription,
}: {
  value: ResourceInput;
  onChange: (v: ResourceInput) => void;
  errors: Record<string, string>;
  withDescription?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('resources.name')}
        placeholder={t('resources.namePlaceholder')}
        required
        maxLength={120}
        value={value.name}
        onChange={(e) => onChange({ ...value, name: e.currentTarget.value })}
        error={errors.name}
        style={{ flex: 2, minWidth: 220 }}
        data-testid="resource-name"
        data-autofocus
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('resources.kind')}
        </Text>
        <SegmentedControl
          value={value.kind}
          onChange={(v) => onChange({ ...value, kind: v as ResourceInput['kind'] })}
          data={[
            { value: 'room', label: t('resources.room') },
            { value: 'equipment', label: t('resources.equipment') },
          ]}
          data-testid="resource-kind"
        />
      </Stack>
      <NumberInput
        label={t('resources.capacity')}
        description={withDescription ? t('resources.capacityHint') : undefined}
        min={1}
        max={100000}
        allowDecimal={false}
        allowNegative={false}
        value={value.capacity ?? ''}
        onChange={(v) => onChange({ ...value, capacity: typeof v === 'number' ? v : null })}
        error={errors.capacity}
        w={withDescription ? 200 : 110}
        data-testid="resource-capacity"
      />
      <TextInput
        label={t('resources.location')}
        placeholder={t('resources.locationPlaceholder')}
        maxLength={200}
        value={value.location ?? ''}
        onChange={(e) => onChange({ ...value, location: e.currentTarget.value || null })}
        error={errors.location}
        style={{ flex: 1, minWidth: 160 }}
        data-testid="resource-location"
      />
      {withDescription && (
        <Textarea
          label={t('resources.description')}
          maxLength={2000}
          autosize
          minRows={2}
          value={value.description}
          onChange={(e) => onChange({ ...value, description: e.currentTarget.value })}
          error={errors.description}
        />
      )}
    </>
  );
}

function NewResourceForm() {
  const { t } = useTranslation();
  const create = useCreateResource();
  const [value, setValue] = useState<ResourceInput>(blank);
  const errors = isApiError(create.error) ? create.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(value, {
      onSuccess: (r) => {
        setValue(blank);
        notifications.show({ color: 'green', message: t('resources.added', { name: r.name }) });
      },
    });
  };
  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <ResourceFields
              value={value}
              onChange={(v) => {
                if (create.error) create.reset();
                setValue(v);
              }}
              errors={errors}
            />
            <Button
              type="submit"
              leftSection={<IconPlus size={16} />}
              loading={create.isPending}
              disabled={!value.name.trim()}
              data-testid="resource-add"
            >
              {t('resources.add')}
            </Button>
          </Group>
          {create.error && Object.keys(errors).length === 0 && (
            <Alert color="red" data-testid="resource-error">
              {errorText(t, create.error)}
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

function EditModal({ resource, onClose }: { resource: Resource | null; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateResource();
  const [value, setValue] = useState<ResourceInput>(blank);
  const [version, setVersion] = useState(0);
  const [shownFor, setShownFor] = useState<string | null>(null);
  const load = (r: Resource) => {
    setShownFor(r.id);
    setVersion(r.version);
    setValue({ name: r.name, kind: r.kind, capacity: r.capacity, location: r.location, description: r.description });
  };
  if (resource && shownFor !== resource.id) load(resource);
  const close = () => {
    setShownFor(null);
    update.reset();
    onClose();
  };
  const stale = isApiError(update.error) && update.error.code === 'CONFLICT' && update.error.current;
  const errors = isApiError(update.error) ? update.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!resource) return;
    update.mutate(
      { id: resource.id, version, ...value },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('resources.saved') });
          close();
        },
        onError: (err) => {
          // Someone else saved first: show their version, keep the modal open.
          if (isApiError(err) && err.current) load(err.current as Resource);
        },
      },
    );
  };
  return (
    <Modal
      opened={resource !== null}
      onClose={close}
      title={<Text fw={600}>{t('resources.editTitle', { name: resource?.name ?? '' })}</Text>}
      centered
    >
      <form onSubmit={submit}>
        <Stack gap="sm" data-testid="resource-edit-form">
          <ResourceFields value={value} onChange={setValue} errors={errors} withDescription />
          {update.error && (stale || Object.keys(errors).length === 0) && (
            <Alert color={stale ? 'yellow' : 'red'}>{stale ? t('resources.stale') : errorText(t, update.error)}</Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending} disabled={!value.name.trim()} data-testid="resource-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
