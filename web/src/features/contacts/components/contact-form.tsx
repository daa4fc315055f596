import { Alert, Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import {
  type Contact,
  type ContactCreate,
  ContactCreateSchema,
  type ContactPatch,
  ContactPatchSchema,
} from '@rapport/contracts/contacts.ts';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api.ts';
import { useFormState, zodFieldErrors } from '../../../lib/form.ts';
import { CompanyPicker, type CompanyRef } from './company-picker.tsx';

type Values = {
  firstName: string;
  lastName: string;
  title: string;
  email: string;
  phone: string;
  company: CompanyRef | null;
};

const toValues = (c?: Contact | null, company?: CompanyRef | null): Values => ({
  firstName: c?.firstName ?? '',
  lastName: c?.lastName ?? '',
  title: c?.title ?? '',
  email: c?.email ?? '',
  phone: c?.phone ?? '',
  company: c ? (c.companyId ? { id: c.companyId, name: c.companyName ?? '' } : null) : (company ?? null),
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
  return patch;
}

export function ContactForm({
  contact,
  company,
  submitting,
  onCreate,
  onUpdate,
  onCancel,
  onConflict,
}: {
  contact?: Contact | null;
  /** Prefilled company for a new contact. */
  company?: CompanyRef | null;
  submitting: boolean;
  onCreate?: (body: ContactCreate) => Promise<unknown>;
  onUpdate?: (body: ContactPatch) => Promise<unknown>;
  onCancel: () => void;
  onConflict?: (current: Contact) => void;
}) {
  const { t } = useTranslation();
  const form = useFormState<Values>(toValues(contact, company));
  const [base, setBase] = useState<Contact | null | undefined>(contact);
  const [conflict, setConflict] = useState<Contact | null>(null);
  const { values, errors } = form;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    form.setFormError(null);
    if (!values.firstName.trim() && !values.lastName.trim()) {
      form.setErrors({ lastName: t('contact.nameRequired') });
      return;
    }
    try {
      if (base && onUpdate) {
        const patch = patchOf(toValues(base), values, base.version);
        const parsed = ContactPatchSchema.safeParse(patch);
        if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
        if (Object.keys(patch).length === 1) return onCancel();
        await onUpdate(patch);
      } else if (onCreate) {
        const body: ContactCreate = {
          firstName: values.firstName,
          lastName: values.lastName,
          title: values.title || null,
          email: values.email || null,
          phone: values.phone || null,
          companyId: values.company?.id ?? null,
        };
        const parsed = ContactCreateSchema.safeParse(body);
        if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
        await onCreate(body);
      }
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
          <CompanyPicker
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
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={submitting} data-testid="contact-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
