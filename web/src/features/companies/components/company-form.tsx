import {
  Alert,
  Button,
  Divider,
  Group,
  Input,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import {
  type Company,
  type CompanyCreate,
  CompanyCreateSchema,
  type CompanyPatch,
  CompanyPatchSchema,
  type CompanyType,
} from '@rapport/contracts/companies.ts';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api.ts';
import { countryOptions } from '../../../lib/countries.ts';
import { errorText } from '../../../lib/error-text.ts';
import { useFormat } from '../../../lib/format.ts';
import { useMe } from '../../../lib/session.ts';
import { CompanyDuplicatesAlert, useDuplicateCheck } from './company-duplicates.tsx';
import { AddressesInput, TypedListInput } from './company-form-fields.tsx';
import {
  type CompanyPrefill,
  type CompanyValues,
  CURRENCIES,
  EMAIL_TYPES,
  issuesByPath,
  PHONE_TYPES,
  toCreate,
  toPatch,
  toValues,
  withPrefill,
} from './company-values.ts';
import { OrgNumberInput } from './org-number-input.tsx';
import { OwnerSelect } from './owner-select.tsx';

/** What the registry lookup slot of a new company's form is given (see features/registries). */
export type CompanyLookupProps = {
  query: string;
  country: string | null;
  onPick: (prefill: CompanyPrefill) => void;
  onOpenExisting: (companyId: string) => void;
};

export function CompanyForm({
  company,
  submitting,
  onCreate,
  onUpdate,
  onCancel,
  onConflict,
  onOpenExisting,
  lookup,
}: {
  /** The company being edited; absent for a new one. */
  company?: Company | null;
  submitting: boolean;
  onCreate?: (body: CompanyCreate) => Promise<unknown>;
  onUpdate?: (body: CompanyPatch) => Promise<unknown>;
  onCancel: () => void;
  /** Told the other person's version when a save hits a conflict. */
  onConflict?: (current: Company) => void;
  /** Opens a company that already exists (a duplicate, a registry hit already in Rapport). */
  onOpenExisting: (companyId: string) => void;
  /** Registry hits under the name and org number of a new company. */
  lookup?: (props: CompanyLookupProps) => ReactNode;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const [base, setBase] = useState<Company | null | undefined>(company);
  const [values, setValues] = useState<CompanyValues>(() => toValues(company, me.data?.user.id ?? null));
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Company | null>(null);
  const [lookupText, setLookupText] = useState('');
  const countries = useMemo(() => countryOptions(fmt.locale), [fmt.locale]);

  const set = <K extends keyof CompanyValues>(key: K, value: CompanyValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
  };

  const { duplicates, confirming, mayGoAhead } = useDuplicateCheck(values, base);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    let send: () => Promise<unknown>;
    if (base && onUpdate) {
      const patch = toPatch(toValues(base, null), values, base.version);
      const parsed = CompanyPatchSchema.safeParse(patch);
      if (!parsed.success) return setErrors(issuesByPath(parsed.error));
      if (Object.keys(patch).length === 1) return onCancel();
      send = () => onUpdate(patch);
    } else if (onCreate) {
      const body = toCreate(values);
      const parsed = CompanyCreateSchema.safeParse(body);
      if (!parsed.success) return setErrors(issuesByPath(parsed.error));
      send = () => onCreate(body);
    } else return;
    if (!(await mayGoAhead())) return;
    try {
      await send();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT' && err.current) {
        setConflict(err.current as Company);
        onConflict?.(err.current as Company);
        return;
      }
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length > 0) {
        setErrors(err.fieldErrors);
        const first = Object.keys(err.fieldErrors)[0]?.split('.')[0] ?? '';
        if (!(first in values)) setFormError(err.message);
        return;
      }
      setFormError(errorText(t, err));
    }
  };

  const loadTheirs = () => {
    if (!conflict) return;
    setBase(conflict);
    setValues(toValues(conflict, null));
    setErrors({});
    setConflict(null);
  };

  const pick = (prefill: CompanyPrefill) => {
    setValues((v) => withPrefill(v, prefill));
    setErrors({});
    setLookupText('');
  };

  const isPrivate = values.type === 'private';
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
        {formError && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="company-form-error">
            {formError}
          </Alert>
        )}
        <Input.Wrapper label={t('company.fields.type')}>
          <SegmentedControl
            fullWidth
            data={(['customer', 'supplier', 'private'] as const).map((v) => ({
              value: v,
              label: t(`company.types.${v}`),
            }))}
            value={values.type}
            onChange={(v) => set('type', v as CompanyType)}
            data-testid="company-type"
          />
        </Input.Wrapper>
        {isPrivate ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('card.fields.firstName')}
              data-autofocus
              value={values.firstName}
              onChange={(e) => set('firstName', e.currentTarget.value)}
              error={errors.firstName}
              data-testid="company-first-name"
              maxLength={100}
            />
            <TextInput
              label={t('card.fields.lastName')}
              value={values.lastName}
              onChange={(e) => set('lastName', e.currentTarget.value)}
              error={errors.lastName ?? errors.name}
              data-testid="company-last-name"
              maxLength={100}
            />
          </SimpleGrid>
        ) : (
          <TextInput
            label={t('company.fields.name')}
            required
            data-autofocus
            value={values.name}
            onChange={(e) => {
              set('name', e.currentTarget.value);
              setLookupText(e.currentTarget.value);
            }}
            error={errors.name}
            data-testid="company-name"
            maxLength={200}
            autoComplete="off"
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
          <OrgNumberInput
            value={values.orgNumber}
            country={values.country}
            onChange={(v) => {
              set('orgNumber', v);
              setLookupText(v);
            }}
            error={errors.orgNumber}
          />
          <Select
            label={t('company.fields.country')}
            data={countries}
            value={values.country}
            onChange={(v) => set('country', v)}
            error={errors.country}
            searchable
            clearable
            placeholder={t('countries.pick')}
            nothingFoundMessage={t('common.noResults')}
            data-testid="company-country"
          />
        </SimpleGrid>
        {!base && lookup && !isPrivate && lookupText.trim().length >= 2
          ? lookup({ query: lookupText.trim(), country: values.country, onPick: pick, onOpenExisting })
          : null}
        <CompanyDuplicatesAlert duplicates={duplicates} confirming={confirming} onOpen={(c) => onOpenExisting(c.id)} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
          <TextInput
            label={t('company.fields.industry')}
            value={values.industry}
            onChange={(e) => set('industry', e.currentTarget.value)}
            error={errors.industry}
            data-testid="company-industry"
            maxLength={120}
          />
          <TextInput
            label={t('company.fields.website')}
            value={values.website}
            onChange={(e) => set('website', e.currentTarget.value)}
            error={errors.website}
            placeholder="example.no"
            data-testid="company-website"
          />
        </SimpleGrid>

        <Divider label={t('card.form.reach')} labelPosition="left" mt="xs" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
          <TypedListInput
            label={t('card.fields.phones')}
            kind="tel"
            types={PHONE_TYPES}
            typeLabel={(ty) => t(`card.phoneTypes.${ty}`)}
            rows={values.phones}
            onChange={(rows) => set('phones', rows)}
            errors={errors}
            errorKey="phones"
            testId="company-phone"
          />
          <TypedListInput
            label={t('card.fields.emails')}
            kind="email"
            types={EMAIL_TYPES}
            typeLabel={(ty) => t(`card.emailTypes.${ty}`)}
            rows={values.emails}
            onChange={(rows) => set('emails', rows)}
            errors={errors}
            errorKey="emails"
            testId="company-email"
          />
        </SimpleGrid>

        <Divider label={t('card.fields.addresses')} labelPosition="left" mt="xs" />
        <AddressesInput
          rows={values.addresses}
          onChange={(rows) => set('addresses', rows)}
          homeCountry={values.country}
          errors={errors}
        />

        <Divider label={t('card.form.ownership')} labelPosition="left" mt="xs" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
          <OwnerSelect
            value={values.ownerId}
            onChange={(id) => set('ownerId', id)}
            error={errors.ownerId}
            testId="company-owner"
          />
          <Input.Wrapper label={t('company.fields.visibility')} error={errors.visibility}>
            <SegmentedControl
              fullWidth
              data={[
                { value: 'everyone', label: t('company.visibility.everyone') },
                { value: 'owner', label: t('company.visibility.owner') },
              ]}
              value={values.visibility}
              onChange={(v) => set('visibility', v === 'owner' ? 'owner' : 'everyone')}
              data-testid="company-visibility"
            />
          </Input.Wrapper>
          <NumberInput
            label={t('card.fields.paymentTerms')}
            suffix={` ${t('card.days')}`}
            min={0}
            max={365}
            allowDecimal={false}
            allowNegative={false}
            value={values.paymentTermsDays}
            onChange={(v) => set('paymentTermsDays', typeof v === 'number' ? v : '')}
            error={errors.paymentTermsDays}
            data-testid="company-payment-terms"
          />
          <Select
            label={t('card.fields.currency')}
            data={CURRENCIES}
            value={values.currency}
            onChange={(v) => set('currency', v)}
            clearable
            searchable
            error={errors.currency}
            data-testid="company-currency"
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={submitting}
            color={confirming ? 'orange' : undefined}
            data-testid="company-save"
          >
            {confirming ? t('card.duplicates.saveAnywayButton') : t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
