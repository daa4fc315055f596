import { Alert, Button, Group, Input, SegmentedControl, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { Visibility } from '@rapport/contracts/common.ts';
import {
  type Contact,
  type ContactCreate,
  ContactCreateSchema,
  type ContactPatch,
  ContactPatchSchema,
} from '@rapport/contracts/contacts.ts';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordPicker, type RecordRef } from '../../../components/record-picker.tsx';
import { ApiError } from '../../../lib/api.ts';
import { useFormState, zodFieldErrors } from '../../../lib/form.ts';
import { useMe } from '../../../lib/session.ts';
import {
  type ContactDuplicateProbe,
  type ContactDuplicates,
  fetchContactDuplicates,
  useContactDuplicates,
  useUsers,
} from '../api/contacts.ts';
import { ContactDuplicatesAlert } from './contact-duplicates.tsx';

type Values = {
  firstName: string;
  lastName: string;
  title: string;
  email: string;
  phone: string;
  company: RecordRef | null;
  ownerId: string | null;
  visibility: Visibility;
};

const toValues = (c?: Contact | null, company?: RecordRef | null, ownerId?: string | null): Values => ({
  firstName: c?.firstName ?? '',
  lastName: c?.lastName ?? '',
  title: c?.title ?? '',
  email: c?.email ?? '',
  phone: c?.phone ?? '',
  company: c ? (c.companyId ? { id: c.companyId, name: c.companyName ?? '' } : null) : (company ?? null),
  ownerId: c?.ownerId ?? ownerId ?? null,
  visibility: c?.visibility ?? 'everyone',
});

function patchOf(before: Values, after: Values, version: number): ContactPatch {
  const patch: ContactPatch = { version };
  for (const key of ['firstName', 'lastName', 'title', 'email', 'phone'] as const) {
    if (after[key] !== before[key]) {
      (patch as Record<string, unknown>)[key] =
        key === 'firstName' || key === 'lastName' ? after[key] : after[key] === '' ? null : after[key];
    }
  }
  if ((after.company?.id ?? null) !== (before.company?.id ?? null)) patch.companyId = after.company?.id ?? null;
  if (after.ownerId && after.ownerId !== before.ownerId) patch.ownerId = after.ownerId;
  if (after.visibility !== before.visibility) patch.visibility = after.visibility;
  return patch;
}

/** What tells people apart; in an edit only what changed is checked for duplicates. */
function probeOf(v: Values, base: Contact | null | undefined): ContactDuplicateProbe {
  const was = base ? toValues(base) : null;
  const nameChanged = !was || was.firstName !== v.firstName || was.lastName !== v.lastName;
  return {
    firstName: nameChanged ? v.firstName.trim() || undefined : undefined,
    lastName: nameChanged ? v.lastName.trim() || undefined : undefined,
    email: (!was || was.email !== v.email) && v.email.includes('@') ? v.email.trim() : undefined,
    phone: !was || was.phone !== v.phone ? v.phone.trim() || undefined : undefined,
    companyId: v.company?.id,
    excludeId: base?.id,
  };
}
const probes = (p: ContactDuplicateProbe) => Boolean((p.firstName && p.lastName) || p.email || p.phone);

export function ContactForm({
  contact,
  company,
  submitting,
  onCreate,
  onUpdate,
  onCancel,
  onConflict,
  onOpenExisting,
}: {
  contact?: Contact | null;
  /** Prefilled company for a new contact. */
  company?: RecordRef | null;
  submitting: boolean;
  onCreate?: (body: ContactCreate) => Promise<unknown>;
  onUpdate?: (body: ContactPatch) => Promise<unknown>;
  onCancel: () => void;
  onConflict?: (current: Contact) => void;
  /** Opens a contact that already exists instead of making a duplicate. */
  onOpenExisting: (contactId: string) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const users = useUsers();
  const form = useFormState<Values>(toValues(contact, company, me.data?.user.id));
  const [base, setBase] = useState<Contact | null | undefined>(contact);
  const [conflict, setConflict] = useState<Contact | null>(null);
  const [acknowledged, setAcknowledged] = useState<string | null>(null);
  const { values, errors } = form;

  const probe = probeOf(values, base);
  const probeKey = JSON.stringify(probe);
  const [debouncedKey] = useDebouncedValue(probeKey, 400);
  const debounced = useMemo(() => JSON.parse(debouncedKey) as ContactDuplicateProbe, [debouncedKey]);
  const live = useContactDuplicates(debounced, probes(debounced));
  const [checked, setChecked] = useState<{ probeKey: string; items: ContactDuplicates['items'] } | null>(null);
  const duplicates = !probes(probe) ? [] : checked?.probeKey === probeKey ? checked.items : (live.data?.items ?? []);
  const duplicateKey = duplicates.map((d) => d.contact.id).join(',');
  const confirming = duplicates.length > 0 && acknowledged === duplicateKey;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    form.setFormError(null);
    if (!values.firstName.trim() && !values.lastName.trim()) {
      form.setErrors({ lastName: t('contact.nameRequired') });
      return;
    }
    let send: () => Promise<unknown>;
    if (base && onUpdate) {
      const patch = patchOf(toValues(base), values, base.version);
      const parsed = ContactPatchSchema.safeParse(patch);
      if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
      if (Object.keys(patch).length === 1) return onCancel();
      send = () => onUpdate(patch);
    } else if (onCreate) {
      const body: ContactCreate = {
        firstName: values.firstName,
        lastName: values.lastName,
        title: values.title || null,
        email: values.email || null,
        phone: values.phone || null,
        companyId: values.company?.id ?? null,
        visibility: values.visibility,
        ...(values.ownerId ? { ownerId: values.ownerId } : {}),
      };
      const parsed = ContactCreateSchema.safeParse(body);
      if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
      send = () => onCreate(body);
    } else return;
    if (probes(probe)) {
      try {
        const fresh = await fetchContactDuplicates(probe);
        const key = fresh.items.map((d) => d.contact.id).join(',');
        setChecked({ probeKey, items: fresh.items });
        if (fresh.items.length > 0 && key !== acknowledged) {
          setAcknowledged(key);
          return;
        }
      } catch {
        // A failed check must not keep anyone from saving.
      }
    }
    try {
      await send();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT' && err.current) {
        setConflict(err.current as Contact);
        onConflict?.(err.current as Contact);
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
    <form onSubmit={submit} data-testid="contact-form" noValidate>
      <Stack gap="sm">
        {conflict && (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('contact.conflictTitle')}>
            <Stack gap="xs" align="flex-start">
              {t('contact.conflictText')}
              <Button size="xs" variant="white" color="orange" onClick={loadTheirs}>
                {t('contact.loadTheirs')}
              </Button>
            </Stack>
          </Alert>
        )}
        {form.formError && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />}>
            {form.formError}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
          <TextInput
            label={t('contact.fields.firstName')}
            data-autofocus
            value={values.firstName}
            onChange={(e) => form.set('firstName', e.currentTarget.value)}
            error={errors.firstName}
            data-testid="contact-first-name"
            maxLength={100}
          />
          <TextInput
            label={t('contact.fields.lastName')}
            value={values.lastName}
            onChange={(e) => form.set('lastName', e.currentTarget.value)}
            error={errors.lastName}
            data-testid="contact-last-name"
            maxLength={100}
          />
          <TextInput
            label={t('contact.fields.title')}
            value={values.title}
            onChange={(e) => form.set('title', e.currentTarget.value)}
            error={errors.title}
            data-testid="contact-title"
            maxLength={120}
          />
          <RecordPicker
            kind="company"
            label={t('contact.fields.company')}
            placeholder={t('contact.pickCompany')}
            testId="contact-company"
            value={values.company}
            onChange={(c) => form.set('company', c)}
            error={errors.companyId ?? errors.company}
          />
          <TextInput
            label={t('contact.fields.email')}
            type="email"
            value={values.email}
            onChange={(e) => form.set('email', e.currentTarget.value)}
            error={errors.email}
            data-testid="contact-email"
          />
          <TextInput
            label={t('contact.fields.phone')}
            type="tel"
            value={values.phone}
            onChange={(e) => form.set('phone', e.currentTarget.value)}
            error={errors.phone}
            data-testid="contact-phone"
          />
        </SimpleGrid>
        <ContactDuplicatesAlert duplicates={duplicates} confirming={confirming} onOpen={(c) => onOpenExisting(c.id)} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
          <Select
            label={t('contact.fields.owner')}
            data={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            value={values.ownerId}
            onChange={(v) => v && form.set('ownerId', v)}
            searchable
            allowDeselect={false}
            nothingFoundMessage={t('common.noResults')}
            error={errors.ownerId}
            data-testid="contact-owner"
          />
          <Input.Wrapper label={t('contact.fields.visibility')} error={errors.visibility}>
            <SegmentedControl
              fullWidth
              data={[
                { value: 'everyone', label: t('company.visibility.everyone') },
                { value: 'owner', label: t('company.visibility.owner') },
              ]}
              value={values.visibility}
              onChange={(v) => form.set('visibility', v === 'owner' ? 'owner' : 'everyone')}
              data-testid="contact-visibility"
            />
          </Input.Wrapper>
        </SimpleGrid>
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={submitting}
            color={confirming ? 'orange' : undefined}
            data-testid="contact-save"
          >
            {confirming ? t('card.duplicates.saveAnywayButton') : t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
