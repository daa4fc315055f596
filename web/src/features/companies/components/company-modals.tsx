import { Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Company } from '@rapport/contracts/companies.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { companyKeys, useCreateCompany, useUpdateCompany } from '../api/companies.ts';
import { CompanyForm } from './company-form.tsx';

export function NewCompanyModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (company: Company) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateCompany();
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{t('company.createTitle')}</Text>} size="lg">
      {opened && (
        <CompanyForm
          submitting={create.isPending}
          onCancel={onClose}
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
  const update = useUpdateCompany(company.id);
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{t('company.editTitle')}</Text>} size="lg">
      {opened && (
        <CompanyForm
          company={company}
          submitting={update.isPending}
          onCancel={onClose}
          onConflict={(current) => qc.setQueryData(companyKeys.detail(company.id), current)}
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
