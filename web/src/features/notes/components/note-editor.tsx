import '@mantine/tiptap/styles.css';
import { Avatar, Button, Group, Paper, Portal, Text, UnstyledButton } from '@mantine/core';
import { Link, RichTextEditor } from '@mantine/tiptap';
import { Placeholder } from '@tiptap/extensions';
import { useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type { SuggestionKeyDownProps, SuggestionProps } from '@tiptap/suggestion';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Colleague, useColleagues } from '../api/notes.ts';
import { NoteMention } from './note-mention.ts';
import classes from './notes.module.css';

type Suggest = {
  items: Colleague[];
  index: number;
  rect: DOMRect | null;
  pick: (c: Colleague) => void;
};

const matches = (c: Colleague, query: string) => {
  const q = query.toLowerCase();
  return (
    c.name
      .toLowerCase()
      .split(/\s+/)
      .some((w) => w.startsWith(q)) || c.email.toLowerCase().startsWith(q)
  );
};

/**
 * A small rich-text editor for notes (bold, italic, lists, quotes, links) where typing @ offers the
 * workspace's colleagues; a chosen one becomes a mention the server turns into a notification.
 */
export function NoteEditor({
  initialHtml = '',
  submitLabel,
  busy,
  onSubmit,
  onCancel,
  autofocus = false,
  testId = 'note-editor',
  label,
}: {
  initialHtml?: string;
  submitLabel: string;
  busy: boolean;
  /** Resolves when the note is saved; the editor then empties (a new note) or closes (an edit). */
  onSubmit: (html: string) => Promise<unknown>;
  onCancel?: () => void;
  autofocus?: boolean;
  testId?: string;
  /** What a screen reader calls the text box. */
  label?: string;
}) {
  const { t } = useTranslation();
  const colleagues = useColleagues();
  const people = useRef<Colleague[]>([]);
  people.current = colleagues.data?.items ?? [];
  const [suggest, setSuggest] = useState<Suggest | null>(null);
  const current = useRef<Suggest | null>(null);
  current.current = suggest;
  const [empty, setEmpty] = useState(initialHtml === '');

  const extensions = useMemo(() => {
    const show = (p: SuggestionProps<Colleague>, index = 0) =>
      setSuggest({
        items: p.items,
        index,
        rect: p.clientRect?.() ?? null,
        pick: (c) => p.command({ id: c.id, label: c.name }),
      });
    const onKeyDown = ({ event }: SuggestionKeyDownProps) => {
      const s = current.current;
      if (!s || s.items.length === 0) return false;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setSuggest({ ...s, index: (s.index + step + s.items.length) % s.items.length });
        return true;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        const chosen = s.items[s.index];
        if (chosen) s.pick(chosen);
        return true;
      }
      if (event.key === 'Escape') {
        setSuggest(null);
        return true;
      }
      return false;
    };
    return [
      // Only what the server's sanitiser keeps: no headings, rules or images.
      StarterKit.configure({ heading: false, horizontalRule: false, link: false }),
      Link.configure({ openOnClick: false }),
      Placeholder.configure({ placeholder: t('notes.placeholder') }),
      NoteMention.configure({
        HTMLAttributes: { class: classes.mention },
        suggestion: {
          items: ({ query }: { query: string }) => people.current.filter((c) => matches(c, query)).slice(0, 8),
          render: () => ({
            onStart: (p: SuggestionProps<Colleague>) => show(p),
            onUpdate: (p: SuggestionProps<Colleague>) => show(p),
            onKeyDown,
            onExit: () => setSuggest(null),
          }),
        },
      }),
    ];
  }, [t]);

  const editor = useEditor({
    extensions,
    content: initialHtml,
    autofocus: autofocus ? 'end' : false,
    editorProps: {
      attributes: { 'aria-label': label ?? t('notes.editorLabel'), 'aria-multiline': 'true', role: 'textbox' },
    },
    onUpdate: ({ editor: e }) => setEmpty(e.isEmpty),
  });

  const submitting = useRef(false);
  const submit = async () => {
    if (!editor || editor.isEmpty || submitting.current) return;
    submitting.current = true;
    try {
      await onSubmit(editor.getHTML());
      editor.commands.clearContent(true);
    } catch {
      // The caller shows the error; the text stays in the editor.
    } finally {
      submitting.current = false;
    }
  };

  // Ctrl/Cmd+Enter saves, as in most note and chat boxes.
  const submitRef = useRef(submit);
  submitRef.current = submit;
  useEffect(() => {
    const dom = editor?.view.dom;
    if (!dom) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void submitRef.current();
      }
    };
    dom.addEventListener('keydown', onKey);
    return () => dom.removeEventListener('keydown', onKey);
  }, [editor]);

  const labels = {
    boldControlLabel: t('notes.toolbar.bold'),
    italicControlLabel: t('notes.toolbar.italic'),
    underlineControlLabel: t('notes.toolbar.underline'),
    strikeControlLabel: t('notes.toolbar.strike'),
    bulletListControlLabel: t('notes.toolbar.bulletList'),
    orderedListControlLabel: t('notes.toolbar.orderedList'),
    blockquoteControlLabel: t('notes.toolbar.quote'),
    codeControlLabel: t('notes.toolbar.code'),
    linkControlLabel: t('notes.toolbar.link'),
    unlinkControlLabel: t('notes.toolbar.unlink'),
    linkEditorInputLabel: t('notes.toolbar.linkAddress'),
    linkEditorInputPlaceholder: 'https://',
    linkEditorExternalLink: t('notes.toolbar.linkNewTab'),
    linkEditorInternalLink: t('notes.toolbar.linkSameTab'),
    linkEditorSave: t('common.save'),
  };

  return (
    <div data-testid={testId}>
      <RichTextEditor editor={editor} labels={labels} className={classes.editor}>
        <RichTextEditor.Toolbar>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Bold />
            <RichTextEditor.Italic />
            <RichTextEditor.Underline />
            <RichTextEditor.Strikethrough />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.BulletList />
            <RichTextEditor.OrderedList />
            <RichTextEditor.Blockquote />
            <RichTextEditor.Code />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Link />
            <RichTextEditor.Unlink />
          </RichTextEditor.ControlsGroup>
        </RichTextEditor.Toolbar>
        <RichTextEditor.Content data-testid={`${testId}-content`} />
      </RichTextEditor>
      <Group justify="space-between" mt={6} gap="xs">
        <Text size="xs" c="dimmed">
          {t('notes.hint')}
        </Text>
        <Group gap="xs">
          {onCancel && (
            <Button size="xs" variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button
            size="xs"
            onClick={() => void submit()}
            loading={busy}
            disabled={empty}
            data-testid={`${testId}-save`}
          >
            {submitLabel}
          </Button>
        </Group>
      </Group>
      {suggest?.rect && (
        <Portal>
          <Paper
            shadow="md"
            withBorder
            radius="md"
            p={4}
            className={classes.suggestions}
            style={{ top: suggest.rect.bottom + 4, left: suggest.rect.left }}
            data-testid="mention-suggestions"
          >
            {suggest.items.length === 0 ? (
              <Text size="xs" c="dimmed" px="xs" py={4}>
                {t('notes.noColleague')}
              </Text>
            ) : (
              suggest.items.map((c, i) => (
                <UnstyledButton
                  key={c.id}
                  className={classes.suggestion}
                  data-active={i === suggest.index || undefined}
                  // Keep the focus in the editor while choosing.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => suggest.pick(c)}
                  data-testid="mention-option"
                >
                  <Group gap={8} wrap="nowrap">
                    <Avatar size={22} radius="xl" name={c.name} color="initials" />
                    <div>
                      <Text size="sm" lh={1.2}>
                        {c.name}
                      </Text>
                      <Text size="xs" c="dimmed" lh={1.2}>
                        {c.email}
                      </Text>
                    </div>
                  </Group>
                </UnstyledButton>
              ))
            )}
          </Paper>
        </Portal>
      )}
    </div>
  );
}
