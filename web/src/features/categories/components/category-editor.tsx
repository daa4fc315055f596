import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  ColorSwatch,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import {
  type Category,
  type CategoryColour,
  type CustomFieldInput,
  type CustomFieldType,
  categoryColours,
  customFieldTypes,
} from '@rapport/contracts/categories.ts';
import { IconArrowDown, IconArrowUp, IconCheck, IconPlus, IconRestore, IconTrash, IconX } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api.ts';
import { errorText } from '../../../lib/error-text.ts';
import { useCreateCategory, useUpdateCategory } from '../api/categories.ts';

type OptionDraft = { key: string; id?: string; label: string };
type FieldDraft = {
  key: string;
  id?: string;
  label: string;
  type: CustomFieldType;
  required: boolean;
  currency: string;
  options: OptionDraft[];
  /** Options left as stored (a restored field): the server keeps them. */
  keepOptions?: boolean;
};

let seq = 0;
const localKey = () => `k${++seq}`;
const CHOICES: CustomFieldType[] = ['select', 'multiSelect'];

const toDrafts = (c: Category | null): FieldDraft[] =>
  (c?.fields ?? []).map((f) => ({
    key: localKey(),
    id: f.id,
    label: f.label,
    type: f.type,
    required: f.required,
    currency: f.currency ?? '',
    options: f.options.map((o) => ({ key: localKey(), id: o.id, label: o.label })),
  }));

function toInput(f: FieldDraft): CustomFieldInput {
  const out: CustomFieldInput = { label: f.label.trim(), type: f.type, required: f.required };
  if (f.id) out.id = f.id;
  if (f.type === 'money') out.currency = f.currency.trim() ? f.currency.trim().toUpperCase() : null;
  if (CHOICES.includes(f.type) && !f.keepOptions) {
    out.options = f.options
      .filter((o) => o.label.trim())
      .map((o) => (o.id ? { id: o.id, label: o.label.trim() } : { label: o.label.trim() }));
  }
  return out;
}

function move<T>(list: T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const next = [...list];
  [next[i], next[j]] = [next[j] as T, next[i] as T];
  return next;
}

/** Creates a category or changes one: name, colour, description and its fields in order. */
export function CategoryEditor({
  category,
  opened,
  onClose,
}: {
  category: Category | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={null} withCloseButton={false} padding="lg">
      {opened && <EditorForm key={category?.id ?? 'new'} category={category} onClose={onClose} />}
    </Modal>
  );
}

function EditorForm({ category, onClose }: { category: Category | null; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const [name, setName] = useState(category?.name ?? '');
  const [colour, setColour] = useState<CategoryColour>(category?.colour ?? 'blue');
  const [description, setDescription] = useState(category?.description ?? '');
  const [fields, setFields] = useState<FieldDraft[]>(() => toDrafts(category));
  const [removed, setRemoved] = useState(category?.removedFields ?? []);
  const busy = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const fieldErrors = isApiError(error) ? error.fieldErrors : {};
  const errorOf = (prefix: string) =>
    Object.entries(fieldErrors).find(([path]) => path === prefix || path.startsWith(`${prefix}.`))?.[1];
  const shownInline = Object.keys(fieldErrors).some((p) => p === 'name' || p.startsWith('fields.'));

  const setField = (i: number, patch: Partial<FieldDraft>) =>
    setFields((list) => list.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const addField = () =>
    setFields((list) => [
      ...list,
      { key: localKey(), label: '', type: 'text', required: false, currency: 'NOK', options: [] },
    ]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name: name.trim(),
      colour,
      description: description.trim() || null,
      fields: fields.map(toInput),
    };
    if (category) update.mutate({ id: category.id, version: category.version, ...body }, { onSuccess: onClose });
    else create.mutate(body, { onSuccess: onClose });
  };

  return (
    <form onSubmit={submit} data-testid="category-editor">
      <Stack gap="md">
        <Text fw={600} size="lg">
          {category ? t('categories.edit') : t('categories.new')}
        </Text>
        <Group align="flex-start" gap="md" wrap="wrap">
          <TextInput
            label={t('categories.name')}
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldErrors.name}
            style={{ flex: 1, minWidth: 240 }}
            data-autofocus
            data-testid="category-name"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('categories.colour')}
            </Text>
            <Group gap={5} wrap="wrap" maw={360} mih={36} align="center">
              {categoryColours.map((c) => (
                <ColorSwatch
                  key={c}
                  component="button"
                  type="button"
                  color={`var(--mantine-color-${c}-6)`}
                  size={22}
                  onClick={() => setColour(c)}
                  aria-label={c}
                  aria-pressed={colour === c}
                  style={{ cursor: 'pointer', color: 'white' }}
                >
                  {colour === c && <IconCheck size={14} />}
                </ColorSwatch>
              ))}
            </Group>
          </Stack>
        </Group>
        <Textarea
          label={t('categories.description')}
          autosize
          minRows={1}
          maxRows={4}
          maxLength={1000}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />

        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t('categories.fields')}
          </Text>
          {fields.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('categories.noFields')}
            </Text>
          )}
          {fields.map((f, i) => (
            <Paper key={f.key} withBorder radius="sm" p="xs" data-testid="category-field-row">
              <Group gap="xs" align="flex-start" wrap="nowrap">
                <TextInput
                  aria-label={t('categories.fieldLabel')}
                  placeholder={t('categories.fieldLabel')}
                  required
                  maxLength={100}
                  value={f.label}
                  onChange={(e) => setField(i, { label: e.currentTarget.value })}
                  error={errorOf(`fields.${i}`)}
                  style={{ flex: 1 }}
                  data-testid="category-field-label"
                />
                <Tooltip label={t('categories.typeFixed')} disabled={!f.id} withinPortal>
                  <Select
                    aria-label={t('categories.fieldType')}
                    data={customFieldTypes.map((type) => ({ value: type, label: t(`categories.types.${type}`) }))}
                    value={f.type}
                    onChange={(v) =>
                      v &&
                      setField(i, {
                        type: v as CustomFieldType,
                        options:
                          CHOICES.includes(v as CustomFieldType) && f.options.length === 0
                            ? [{ key: localKey(), label: '' }]
                            : f.options,
                      })
                    }
                    disabled={!!f.id}
                    allowDeselect={false}
                    w={170}
                    comboboxProps={{ withinPortal: true }}
                    data-testid="category-field-type"
                  />
                </Tooltip>
                {f.type === 'money' && (
                  <TextInput
                    aria-label={t('categories.currency')}
                    placeholder="NOK"
                    value={f.currency}
                    onChange={(e) => setField(i, { currency: e.currentTarget.value.toUpperCase().slice(0, 3) })}
                    w={72}
                  />
                )}
                <Checkbox
                  label={t('categories.required')}
                  checked={f.required}
                  onChange={(e) => setField(i, { required: e.currentTarget.checked })}
                  mt={8}
                />
                <Group gap={0} wrap="nowrap" mt={2}>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t('categories.moveUp')}
                    disabled={i === 0}
                    onClick={() => setFields((l) => move(l, i, -1))}
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t('categories.moveDown')}
                    disabled={i === fields.length - 1}
                    onClick={() => setFields((l) => move(l, i, 1))}
                  >
                    <IconArrowDown size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('categories.removeField')}
                    onClick={() => {
                      setFields((l) => l.filter((_, j) => j !== i));
                      if (f.id) setRemoved((r) => [...r, { id: f.id as string, label: f.label, type: f.type }]);
                    }}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </Group>
              {CHOICES.includes(f.type) && !f.keepOptions && (
                <Stack gap={4} mt="xs" ml="md">
                  {f.options.map((o, k) => (
                    <Group key={o.key} gap={4} wrap="nowrap">
                      <TextInput
                        size="xs"
                        aria-label={t('categories.option')}
                        placeholder={t('categories.option')}
                        maxLength={100}
                        value={o.label}
                        onChange={(e) => {
                          const label = e.currentTarget.value;
                          setField(i, { options: f.options.map((x, m) => (m === k ? { ...x, label } : x)) });
                        }}
                        style={{ flex: 1, maxWidth: 320 }}
                        data-testid="category-option"
                      />
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        color="gray"
                        aria-label={t('categories.removeOption')}
                        onClick={() => setField(i, { options: f.options.filter((_, m) => m !== k) })}
                      >
                        <IconX size={14} />
                      </ActionIcon>
                    </Group>
                  ))}
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    leftSection={<IconPlus size={12} />}
                    onClick={() => setField(i, { options: [...f.options, { key: localKey(), label: '' }] })}
                    w="fit-content"
                  >
                    {t('categories.addOption')}
                  </Button>
                </Stack>
              )}
            </Paper>
          ))}
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={addField}
            w="fit-content"
            data-testid="category-add-field"
          >
            {t('categories.addField')}
          </Button>
        </Stack>

        {removed.length > 0 && (
          <Stack gap={4}>
            <Text size="xs" c="dimmed" fw={500}>
              {t('categories.removedFields')}
            </Text>
            <Group gap="xs">
              {removed.map((r) => (
                <Button
                  key={r.id}
                  size="compact-xs"
                  variant="default"
                  leftSection={<IconRestore size={12} />}
                  onClick={() => {
                    setRemoved((list) => list.filter((x) => x.id !== r.id));
                    const stored = category?.fields.find((x) => x.id === r.id);
                    setFields((list) => [
                      ...list,
                      stored
                        ? toDrafts({ ...category, fields: [stored] } as Category)[0]!
                        : {
                            key: localKey(),
                            id: r.id,
                            label: r.label,
                            type: r.type,
                            required: false,
                            currency: '',
                            options: [],
                            keepOptions: true,
                          },
                    ]);
                  }}
                >
                  {r.label}
                </Button>
              ))}
            </Group>
          </Stack>
        )}

        {error && !shownInline && (
          <Alert
            color={isApiError(error) && error.status === 409 ? 'orange' : 'red'}
            data-testid="category-editor-error"
          >
            {isApiError(error) && error.status === 409 && error.current
              ? t('categories.conflict')
              : errorText(t, error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} disabled={!name.trim()} data-testid="category-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
