import { ActionIcon, Avatar, Button, Group, Menu, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Note, NoteEntity } from '@rapport/contracts/notes.ts';
import { IconDots, IconNotes, IconPencil, IconTrash } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { ApiError } from '../../../lib/api.ts';
import { errorText } from '../../../lib/error-text.ts';
import { useFormat } from '../../../lib/format.ts';
import { useMe, usePermissions } from '../../../lib/session.ts';
import { useNoteMutations, useNotes } from '../api/notes.ts';
import classes from './notes.module.css';

// The editor (Tiptap/ProseMirror) is most of the notes' weight: it loads with the first card, not the app.
const NoteEditor = lazy(() => import('./note-editor.tsx').then((m) => ({ default: m.NoteEditor })));
const editorFallback = <Skeleton height={124} radius="md" />;

/** The wall of a company or contact: write a note (with @mentions), read, edit and delete them. */
export function NotesWall({ entity, entityId }: { entity: NoteEntity; entityId: string }) {
  const { t } = useTranslation();
  const { canWrite } = usePermissions();
  const notes = useNotes(entity, entityId);
  const m = useNoteMutations(entity, entityId);

  const fail = (err: unknown) => {
    notifications.show({
      color: 'red',
      title: t('notes.saveFailed'),
      message: errorText(t, err),
    });
    throw err;
  };

  return (
    <Stack gap="sm" data-testid="notes-wall">
      {canWrite && (
        <Suspense fallback={editorFallback}>
          <NoteEditor
            submitLabel={t('notes.post')}
            busy={m.create.isPending}
            onSubmit={(html) => m.create.mutateAsync(html).catch(fail)}
          />
        </Suspense>
      )}
      {notes.isPending ? (
        <Stack gap="xs">
          {[0, 1].map((i) => (
            <Skeleton key={i} height={64} radius="md" />
          ))}
        </Stack>
      ) : notes.error ? (
        <ErrorState error={notes.error} onRetry={() => void notes.refetch()} />
      ) : (
        <NoteList
          notes={notes.data.pages.flatMap((p) => p.items)}
          entity={entity}
          entityId={entityId}
          more={notes.hasNextPage}
          loadingMore={notes.isFetchingNextPage}
          onMore={() => void notes.fetchNextPage()}
        />
      )}
    </Stack>
  );
}

function NoteList({
  notes,
  entity,
  entityId,
  more,
  loadingMore,
  onMore,
}: {
  notes: Note[];
  entity: NoteEntity;
  entityId: string;
  more: boolean;
  loadingMore: boolean;
  onMore: () => void;
}) {
  const { t } = useTranslation();
  if (notes.length === 0) {
    return (
      <Group gap={8} c="dimmed" py="xs">
        <IconNotes size={16} />
        <Text size="sm">{t('notes.empty')}</Text>
      </Group>
    );
  }
  return (
    <Stack gap="xs">
      {notes.map((n) => (
        <NoteItem key={n.id} note={n} entity={entity} entityId={entityId} />
      ))}
      {more && (
        <Button variant="subtle" size="xs" onClick={onMore} loading={loadingMore} style={{ alignSelf: 'center' }}>
          {t('notes.older')}
        </Button>
      )}
    </Stack>
  );
}

function NoteItem({ note, entity, entityId }: { note: Note; entity: NoteEntity; entityId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const { canWrite, canManage } = usePermissions();
  const m = useNoteMutations(entity, entityId);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const mine = note.authorId !== null && note.authorId === me.data?.user.id;
  const mayChange = canWrite && (mine || canManage);
  const edited = note.updatedAt !== note.createdAt;

  const save = (html: string) =>
    m.update
      .mutateAsync({ id: note.id, version: note.version, html })
      .then(() => setEditing(false))
      .catch((err: unknown) => {
        const stale = err instanceof ApiError && err.code === 'CONFLICT';
        notifications.show({
          color: stale ? 'orange' : 'red',
          title: t('notes.saveFailed'),
          message: stale ? t('notes.conflict') : errorText(t, err),
        });
        throw err;
      });

  return (
    <Paper withBorder radius="md" p="sm" data-testid="note">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs" mb={6}>
        <Group gap={8} wrap="nowrap">
          <Avatar size={26} radius="xl" name={note.authorName ?? '?'} color="initials" />
          <div>
            <Text size="sm" fw={600} lh={1.2}>
              {note.authorName ?? t('notes.formerMember')}
            </Text>
            <Text size="xs" c="dimmed" lh={1.2} title={fmt.dateTime(note.createdAt)}>
              {fmt.relative(note.createdAt)}
              {edited ? ` · ${t('notes.edited')}` : ''}
            </Text>
          </div>
        </Group>
        {mayChange && !editing && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={t('common.actions')} data-testid="note-menu">
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Menu.Item>
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={14} />}
                onClick={() => setDeleting(true)}
                data-testid="note-delete"
              >
                {t('common.delete')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      {editing ? (
        <Suspense fallback={editorFallback}>
          <NoteEditor
            initialHtml={note.html}
            submitLabel={t('common.save')}
            busy={m.update.isPending}
            onSubmit={save}
            onCancel={() => setEditing(false)}
            autofocus
            testId="note-edit"
            label={t('notes.editLabel')}
          />
        </Suspense>
      ) : (
        // The server sanitised this HTML with an allowlist (server/src/lib/html.ts) before storing it.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server, see above
        <div className={classes.body} dangerouslySetInnerHTML={{ __html: note.html }} data-testid="note-body" />
      )}
      <ConfirmModal
        opened={deleting}
        title={t('notes.deleteTitle')}
        confirmLabel={t('common.delete')}
        loading={m.remove.isPending}
        onClose={() => setDeleting(false)}
        onConfirm={() =>
          m.remove.mutate(note.id, {
            onSuccess: () => setDeleting(false),
            onError: (err) => {
              setDeleting(false);
              notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });
            },
          })
        }
      >
        {t('notes.deleteText')}
      </ConfirmModal>
    </Paper>
  );
}
