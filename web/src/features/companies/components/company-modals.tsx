import { Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Company } from '@rapport/contracts/companies.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { companyKeys, useCreateCompany, useUpdateCompany } from '../api/companies.ts';
import { CompanyForm, type CompanyLookupProps } from './company-form.tsx';

export function NewCompanyModal({
  opened,
  onClose,
  onCreated,
  lookup,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (company: Company) => void;
  /** Offers lookups (business registries) as the name is typed; the page that opens the form decides. */
  lookup?: (props: CompanyLookupProps) => ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateCompany();
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{t('company.createTitle')}</Text>} size="xl">
      {opened && (
        <CompanyForm
          submitting={create.isPending}
          onCancel={onClose}
          lookup={lookup}
          onOpenExisting={(id) => {
            onClose();
            void navigate({ to: '/companies/$id', params: { id } });
          }}
          onCreate={async (body) => {
            const company = await create.mutateAsync(body);
            notifications.show({ color: 'green', message: t('company.created', { name: company.name }) });
            onCreated(company);
          }}
        />
      )}
    </Modal>
  );
}

export function EditCompanyModal({
  company,
  opened,
  onClose,
}: {
  company: Company;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const update = useUpdateCompany(company.id);
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{t('company.editTitle')}</Text>} size="xl">
      {opened && (
        <CompanyForm
          company={company}
          submitting={update.isPending}
          onCancel={onClose}
          onConflict={(current) => qc.setQueryData(companyKeys.detail(company.id), current)}
          onOpenExisting={(id) => {
            onClose();
            void navigate({ to: '/companies/$id', params: { id } });
          }}
          onUpdate={async (patch) => {
            await update.mutateAsync(patch);
            notifications.show({ color: 'green', message: t('company.saved') });
            onClose();
          }}
        />
      )}
    </Modal>
  );
}
