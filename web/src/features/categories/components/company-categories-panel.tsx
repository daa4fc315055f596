import { Alert, Button, Divider, Group, Menu, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Category, CustomField } from '@rapport/contracts/categories.ts';
import type { Company } from '@rapport/contracts/companies.ts';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { isApiError } from '../../../lib/api.ts';
import { errorText } from '../../../lib/error-text.ts';
import { useCategories, useSaveCompanyCategories, useShowCurrentCompany } from '../api/categories.ts';
import { CategoryChip } from './category-chip.tsx';
import { CustomFieldInput, type Draft, draftToValue, valueToDraft } from './custom-field-input.tsx';
import { CustomFieldValue } from './custom-field-value.tsx';

function FieldFact({ field, children, missing }: { field: CustomField; children: ReactNode; missing: string }) {
  const empty = children === null || children === undefined;
  return (
    <Stack gap={2} miw={0} data-testid={`cf-value-${field.key}`}>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
        {field.label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {!empty ? (
          children
        ) : field.required ? (
          <Text span size="sm" c="red.7">
            {missing}
          </Text>
        ) : (
          <Text span c="dimmed">
            —
          </Text>
        )}
      </Text>
    </Stack>
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The categories of a company as chips (add, remove) and, per category, its custom fields: shown as
 * values, edited with an input fitting each type, saved with the card's version. Made for the card's
 * side column: it brings its own box, and renders nothing while the workspace has no categories (or,
 * for a reader who cannot write, while the company has none).
 */
export function CompanyCategoriesPanel({ company, canWrite }: { company: Company; canWrite: boolean }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const save = useSaveCompanyCategories(company.id);
  const showCurrent = useShowCurrentCompany();
  const [editing, setEditing] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState(false);
  const [removing, setRemoving] = useState<Category | null>(null);

  if (categories.isPending) return <Skeleton height={90} radius="md" />;
  if (categories.error) return <ErrorState error={categories.error} onRetry={() => void categories.refetch()} />;
  const own = categories.data.filter((c) => company.categoryIds.includes(c.id));
  const available = categories.data.filter((c) => !company.categoryIds.includes(c.id));
  if (categories.data.length === 0 || (own.length === 0 && !canWrite)) return null;
  const filledIn = (c: Category) => c.fields.filter((f) => company.customFields[f.id] !== undefined).length;

  const fail = (err: unknown) => {
    if (isApiError(err) && err.status === 409 && err.current) {
      showCurrent(err.current as Company);
      setConflict(true);
    } else if (isApiError(err) && err.status === 400) {
      const byField: Record<string, string> = {};
      for (const [path, message] of Object.entries(err.fieldErrors))
        byField[path.replace(/^customFields\./, '')] = message;
      setErrors(byField);
      if (Object.keys(byField).length === 0 || !editing) {
        notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });
      }
    } else {
      notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });
    }
  };

  const startEditing = (c: Category, base: Company = company) => {
    setDrafts(Object.fromEntries(c.fields.map((f) => [f.id, valueToDraft(f, base.customFields[f.id])])));
    setErrors({});
    setConflict(false);
    setEditing(c.id);
  };

  const setCategories = (categoryIds: string[], then?: (saved: Company) => void) =>
    save.mutate({ version: company.version, categoryIds }, { onSuccess: then, onError: fail });

  const add = (c: Category) =>
    setCategories([...company.categoryIds, c.id], (saved) => {
      // A new category with fields opens for filling in right away.
      if (c.fields.length > 0) startEditing(c, saved);
    });

  const remove = (c: Category) => {
    if (editing === c.id) setEditing(null);
    setCategories(
      company.categoryIds.filter((id) => id !== c.id),
      () => setRemoving(null),
    );
  };

  const submit = (e: FormEvent, c: Category) => {
    e.preventDefault();
    const customFields: Record<string, unknown> = {};
    for (const f of c.fields) {
      const next = draftToValue(f, drafts[f.id]);
      if (!same(next, company.customFields[f.id])) customFields[f.id] = next;
    }
    if (Object.keys(customFields).length === 0) {
      setEditing(null);
      return;
    }
    save.mutate(
      { version: company.version, customFields: customFields as never },
      {
        onSuccess: () => {
          setEditing(null);
          setConflict(false);
          notifications.show({ color: 'green', message: t('categories.panel.saved') });
        },
        onError: fail,
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="lg" data-testid="company-categories">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Title order={3} fz="sm" fw={650} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }}>
            {t('categories.panel.title')}
          </Title>
          {canWrite && available.length > 0 && (
            <Menu position="bottom-end" shadow="md" withinPortal>
              <Menu.Target>
                <Button
                  size="compact-xs"
                  variant="light"
                  leftSection={<IconPlus size={14} />}
                  loading={save.isPending && !editing}
                  data-testid="category-add"
                >
                  {t('categories.panel.add')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown mah={360} style={{ overflowY: 'auto' }}>
                {available.map((c) => (
                  <Menu.Item key={c.id} onClick={() => add(c)} data-testid="category-add-option">
                    <CategoryChip name={c.name} colour={c.colour} size="sm" />
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
        {own.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('categories.panel.none')}
          </Text>
        ) : (
          <Group gap={6} wrap="wrap">
            {own.map((c) => (
              <CategoryChip
                key={c.id}
                name={c.name}
                colour={c.colour}
                removeLabel={t('categories.panel.remove', { name: c.name })}
                onRemove={canWrite ? () => (filledIn(c) > 0 ? setRemoving(c) : remove(c)) : undefined}
              />
            ))}
          </Group>
        )}

        {conflict && (
          <Alert color="orange" withCloseButton onClose={() => setConflict(false)} data-testid="categories-conflict">
            {t('categories.panel.conflict')}
          </Alert>
        )}

        {own
          .filter((c) => c.fields.length > 0)
          .map((c) => (
            <Stack key={c.id} gap="xs" data-testid="category-section">
              <Divider />
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Group gap={8} wrap="nowrap" miw={0}>
                  <div
                    aria-hidden
                    style={{
                      width: 8,
                      height: 8,
                      borderRadius: 4,
                      flexShrink: 0,
                      background: `var(--mantine-color-${c.colour}-6)`,
                    }}
                  />
                  <Text fw={600} size="sm" truncate>
                    {c.name}
                  </Text>
                </Group>
                {canWrite && editing !== c.id && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    leftSection={<IconPencil size={14} />}
                    onClick={() => startEditing(c)}
                    data-testid="category-edit-values"
                  >
                    {t('categories.panel.editValues')}
                  </Button>
                )}
              </Group>
              {editing === c.id ? (
                // The server checks every value and says what is wrong beside the field; no browser bubbles.
                <form onSubmit={(e) => submit(e, c)} noValidate>
                  <Stack gap="xs">
                    {c.fields.map((f) => (
                      <CustomFieldInput
                        key={f.id}
                        field={f}
                        value={drafts[f.id]}
                        onChange={(v) => setDrafts((d) => ({ ...d, [f.id]: v }))}
                        error={errors[f.id]}
                      />
                    ))}
                  </Stack>
                  <Group justify="flex-end" gap="xs" mt="sm">
                    <Button variant="default" size="xs" onClick={() => setEditing(null)}>
                      {t('common.cancel')}
                    </Button>
                    <Button type="submit" size="xs" loading={save.isPending} data-testid="category-values-save">
                      {t('common.save')}
                    </Button>
                  </Group>
                </form>
              ) : (
                <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
                  {c.fields.map((f) => (
                    <div
                      key={f.id}
                      style={f.type === 'longText' || f.type === 'multiSelect' ? { gridColumn: '1 / -1' } : undefined}
                    >
                      <FieldFact field={f} missing={t('categories.panel.missing')}>
                        {company.customFields[f.id] === undefined ? null : (
                          <CustomFieldValue field={f} value={company.customFields[f.id]} />
                        )}
                      </FieldFact>
                    </div>
                  ))}
                </SimpleGrid>
              )}
            </Stack>
          ))}
      </Stack>

      <ConfirmModal
        opened={removing !== null}
        title={t('categories.panel.removeTitle', { name: removing?.name ?? '' })}
        confirmLabel={t('categories.panel.removeConfirm')}
        loading={save.isPending}
        onConfirm={() => removing && remove(removing)}
        onClose={() => setRemoving(null)}
      >
        {t('categories.panel.removeText', { count: removing ? filledIn(removing) : 0 })}
      </ConfirmModal>
    </Paper>
  );
}
