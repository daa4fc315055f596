import { Alert, Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import {
  type Company,
  type CompanyCreate,
  CompanyCreateSchema,
  type CompanyPatch,
  CompanyPatchSchema,
  type CompanyType,
  orgNumberProblem,
} from '@rapport/contracts/companies.ts';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api.ts';
import { countryOptions } from '../../../lib/countries.ts';
import { useFormState, zodFieldErrors } from '../../../lib/form.ts';
import { useFormat } from '../../../lib/format.ts';

type Values = {
  name: string;
  orgNumber: string;
  country: string | null;
  type: CompanyType;
  phone: string;
  email: string;
  website: string;
};

const toValues = (c?: Company | null): Values => ({
  name: c?.name ?? '',
  orgNumber: c?.orgNumber ?? '',
  country: c ? c.country : 'NO',
  type: c?.type ?? 'customer',
  phone: c?.phone ?? '',
  email: c?.email ?? '',
  website: c?.website ?? '',
});

/** Only what changed goes into a PATCH, with the version it is based on. */
function patchOf(before: Values, after: Values, version: number): CompanyPatch {
  const patch: CompanyPatch = { version };
  for (const key of Object.keys(after) as (keyof Values)[]) {
    if (after[key] !== before[key]) (patch as Record<string, unknown>)[key] = after[key] === '' ? null : after[key];
  }
  return patch;
}

export function CompanyForm({
  company,
  submitting,
  onCreate,
  onUpdate,
  onCancel,
  onConflict,
}: {
  /** The company being edited; absent for a new one. */
  company?: Company | null;
  submitting: boolean;
  onCreate?: (body: CompanyCreate) => Promise<unknown>;
  onUpdate?: (body: CompanyPatch) => Promise<unknown>;
  onCancel: () => void;
  /** Told the other person's version when a save hits a conflict. */
  onConflict?: (current: Company) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const form = useFormState<Values>(toValues(company));
  const [base, setBase] = useState<Company | null | undefined>(company);
  const [conflict, setConflict] = useState<Company | null>(null);
  const countries = useMemo(() => countryOptions(fmt.locale), [fmt.locale]);
  const { values, errors } = form;
  const orgWarning = values.orgNumber ? orgNumberProblem(values.country, values.orgNumber) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    form.setFormError(null);
    try {
      if (base && onUpdate) {
        const patch = patchOf(toValues(base), values, base.version);
        const parsed = CompanyPatchSchema.safeParse(patch);
        if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
        if (Object.keys(patch).length === 1) return onCancel();
        await onUpdate(patch);
      } else if (onCreate) {
        const body: CompanyCreate = {
          name: values.name,
          orgNumber: values.orgNumber || null,
          country: values.country,
          type: values.type,
          phone: values.phone || null,
          email: values.email || null,
          website: values.website || null,
        };
        const parsed = CompanyCreateSchema.safeParse(body);
        if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
        await onCreate(body);
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT' && err.current) {
        setConflict(err.current as Company);
        onConflict?.(err.current as Company);
        return;
      }
      form.showError(err);
    }
  };

  const loadTheirs = () => {
    if (!conflict) return;
    setBase(conflict);
    form.reset(toValues(conflict));
    setConflict(null);
  };

  return (
    <form onSubmit={submit} data-testid="company-form" noValidate>
      <Stack gap="sm">
        {conflict && (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('company.conflictTitle')}>
            <Stack gap="xs" align="flex-start">
              {t('company.conflictText')}
              <Button size="xs" variant="white" color="orange" onClick={loadTheirs}>
                {t('company.loadTheirs')}
              </Button>
            </Stack>
          </Alert>
        )}
        {form.formError && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />}>
            {form.formError}
          </Alert>
        )}
        <TextInput
          label={t('company.fields.name')}
          required
          data-autofocus
          value={values.name}
          onChange={(e) => form.set('name', e.currentTarget.value)}
          error={errors.name}
          data-testid="company-name"
          maxLength={200}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
          <TextInput
            label={t('company.fields.orgNumber')}
            value={values.orgNumber}
            onChange={(e) => form.set('orgNumber', e.currentTarget.value)}
            error={errors.orgNumber}
            description={
              orgWarning && !errors.orgNumber ? (
                <Group gap={4} component="span" c="orange.7">
                  <IconInfoCircle size={12} />
                  {t('company.orgNumberInvalid', { reason: orgWarning })}
                </Group>
              ) : undefined
            }
            data-testid="company-org-number"
            maxLength={40}
          />
          <Select
            label={t('company.fields.country')}
            data={countries}
            value={values.country}
            onChange={(v) => form.set('country', v)}
            error={errors.country}
            searchable
            clearable
            placeholder={t('countries.pick')}
            nothingFoundMessage={t('common.noResults')}
            data-testid="company-country"
          />
          <Select
            label={t('company.fields.type')}
            data={(['customer', 'supplier', 'private'] as const).map((v) => ({
              value: v,
              label: t(`company.types.${v}`),
            }))}
            value={values.type}
            onChange={(v) => v && form.set('type', v as CompanyType)}
            allowDeselect={false}
            error={errors.type}
            data-testid="company-type"
          />
          <TextInput
            label={t('company.fields.phone')}
            type="tel"
            value={values.phone}
            onChange={(e) => form.set('phone', e.currentTarget.value)}
            error={errors.phone}
            data-testid="company-phone"
          />
          <TextInput
            label={t('company.fields.email')}
            type="email"
            value={values.email}
            onChange={(e) => form.set('email', e.currentTarget.value)}
            error={errors.email}
            data-testid="company-email"
          />
          <TextInput
            label={t('company.fields.website')}
            value={values.website}
            onChange={(e) => form.set('website', e.currentTarget.value)}
            error={errors.website}
            placeholder="example.no"
            data-testid="company-website"
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={submitting} data-testid="company-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
