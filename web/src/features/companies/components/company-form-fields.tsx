import {
  ActionIcon,
  Button,
  Group,
  Menu,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type AddressKind, formatAddress } from '@rapport/contracts/address.ts';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryOptions } from '../../../lib/countries.ts';
import { useFormat } from '../../../lib/format.ts';
import { ADDRESS_KINDS, type AddressValues, type TypedValue } from './company-values.ts';

/** Several phone numbers or e-mail addresses, each with its kind (main, invoice, mobile, …). */
export function TypedListInput<T extends string>({
  label,
  kind,
  types,
  typeLabel,
  rows,
  onChange,
  errors,
  errorKey,
  testId,
}: {
  label: string;
  kind: 'tel' | 'email';
  types: T[];
  typeLabel: (type: T) => string;
  rows: TypedValue<T>[];
  onChange: (rows: TypedValue<T>[]) => void;
  errors: Record<string, string | undefined>;
  errorKey: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const set = (i: number, change: Partial<TypedValue<T>>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const nextType = types.find((ty) => !rows.some((r) => r.type === ty)) ?? (types[types.length - 1] as T);
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; position is what the user edits.
        <Group key={i} gap={6} wrap="nowrap" align="flex-start">
          <Select
            aria-label={t('card.form.kindOf', { what: label })}
            data={types.map((ty) => ({ value: ty, label: typeLabel(ty) }))}
            value={row.type}
            onChange={(v) => v && set(i, { type: v as T })}
            allowDeselect={false}
            w={130}
            style={{ flexShrink: 0 }}
          />
          <TextInput
            aria-label={label}
            type={kind}
            value={row.value}
            onChange={(e) => set(i, { value: e.currentTarget.value })}
            error={
              errors[`${errorKey}.${i}.value`] || errors[`${errorKey}.${i}`]
                ? t(kind === 'tel' ? 'card.form.invalidPhone' : 'card.form.invalidEmail')
                : undefined
            }
            style={{ flex: 1 }}
            data-testid={`${testId}-${i}`}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            size={36}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
            aria-label={t('card.form.removeRow')}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      {errors[errorKey] && (
        <Text size="xs" c="red">
          {errors[errorKey]}
        </Text>
      )}
      <Button
        variant="subtle"
        size="compact-sm"
        leftSection={<IconPlus size={14} />}
        onClick={() => onChange([...rows, { type: rows.length === 0 ? (types[0] as T) : nextType, value: '' }])}
        style={{ alignSelf: 'flex-start' }}
        data-testid={`${testId}-add`}
      >
        {t(kind === 'tel' ? 'card.form.addPhone' : 'card.form.addEmail')}
      </Button>
    </Stack>
  );
}

/** Countries whose addresses carry a state, county or province line. */
const WITH_REGION = new Set(['US', 'CA', 'AU', 'GB', 'IE']);

const emptyAddress = (kind: AddressKind, country: string | null): AddressValues => ({
  kind,
  street: '',
  postalCode: '',
  city: '',
  region: '',
  country: country ?? '',
});

/** Invoice, postal, delivery, visiting and attestation addresses: at most one of each, shown as the post wants them. */
export function AddressesInput({
  rows,
  onChange,
  homeCountry,
  errors,
}: {
  rows: AddressValues[];
  onChange: (rows: AddressValues[]) => void;
  homeCountry: string | null;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const countries = useMemo(() => countryOptions(fmt.locale), [fmt.locale]);
  const missing = ADDRESS_KINDS.filter((k) => !rows.some((r) => r.kind === k));
  const set = (i: number, change: Partial<AddressValues>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  return (
    <Stack gap="xs">
      {rows.map((row, i) => {
        const preview = formatAddress(
          {
            street: row.street || null,
            postalCode: row.postalCode || null,
            city: row.city || null,
            region: row.region || null,
            country: row.country || null,
          },
          homeCountry,
        );
        return (
          <Paper key={row.kind} withBorder radius="md" p="sm" data-testid={`address-${row.kind}`}>
            <Group justify="space-between" mb={6}>
              <Text size="sm" fw={600}>
                {t(`card.addressKinds.${row.kind}`)}
              </Text>
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
                aria-label={t('card.form.removeAddress', { kind: t(`card.addressKinds.${row.kind}`) })}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            <Stack gap="xs">
              <Textarea
                label={t('card.address.street')}
                value={row.street}
                onChange={(e) => set(i, { street: e.currentTarget.value })}
                autosize
                minRows={1}
                maxRows={3}
                error={errors[`addresses.${i}.street`]}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" verticalSpacing="xs">
                <TextInput
                  label={t('card.address.postalCode')}
                  value={row.postalCode}
                  onChange={(e) => set(i, { postalCode: e.currentTarget.value })}
                  error={errors[`addresses.${i}.postalCode`]}
                />
                <TextInput
                  label={t('card.address.city')}
                  value={row.city}
                  onChange={(e) => set(i, { city: e.currentTarget.value })}
                  error={errors[`addresses.${i}.city`]}
                />
                <Select
                  label={t('company.fields.country')}
                  data={countries}
                  value={row.country || null}
                  onChange={(v) => set(i, { country: v ?? '' })}
                  searchable
                  clearable
                  nothingFoundMessage={t('common.noResults')}
                />
              </SimpleGrid>
              {(row.region || WITH_REGION.has(row.country || homeCountry || '')) && (
                <TextInput
                  label={t('card.address.region')}
                  value={row.region}
                  onChange={(e) => set(i, { region: e.currentTarget.value })}
                />
              )}
            </Stack>
            {preview.length > 0 && (
              <Text size="xs" c="dimmed" mt={6} style={{ whiteSpace: 'pre-line' }} data-testid="address-preview">
                {preview.join('\n')}
              </Text>
            )}
          </Paper>
        );
      })}
      {errors.addresses && (
        <Text size="xs" c="red">
          {errors.addresses}
        </Text>
      )}
      {missing.length > 0 && (
        <Menu position="bottom-start" withinPortal={false}>
          <Menu.Target>
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconPlus size={14} />}
              style={{ alignSelf: 'flex-start' }}
              data-testid="address-add"
            >
              {t('card.form.addAddress')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {missing.map((kind) => (
              <Menu.Item
                key={kind}
                onClick={() => onChange([...rows, emptyAddress(kind, homeCountry)])}
                data-testid={`address-add-${kind}`}
              >
                {t(`card.addressKinds.${kind}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      )}
    </Stack>
  );
}
