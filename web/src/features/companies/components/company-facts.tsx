import { Anchor, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Company } from '@rapport/contracts/companies.ts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import { CompanyTypeBadge } from './company-type-badge.tsx';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2} miw={0}>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
        {label}
      </Text>
      <Text size="sm" component="div" truncate>
        {children || (
          <Text span c="dimmed">
            —
          </Text>
        )}
      </Text>
    </Stack>
  );
}

const webHref = (url: string) => (/^https?:\/\//i.test(url) ? url : `https://${url}`);

export function CompanyFacts({ company }: { company: Company }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="lg" verticalSpacing="md">
      <Fact label={t('company.fields.customerNumber')}>{String(company.customerNumber)}</Fact>
      <Fact label={t('company.fields.orgNumber')}>{company.orgNumber}</Fact>
      <Fact label={t('company.fields.country')}>{company.country ? fmt.country(company.country) : null}</Fact>
      <Fact label={t('company.fields.type')}>
        <CompanyTypeBadge type={company.type} />
      </Fact>
      <Fact label={t('company.fields.phone')}>
        {company.phone && (
          <Anchor href={`tel:${company.phone}`} size="sm">
            {company.phone}
          </Anchor>
        )}
      </Fact>
      <Fact label={t('company.fields.email')}>
        {company.email && (
          <Anchor href={`mailto:${company.email}`} size="sm">
            {company.email}
          </Anchor>
        )}
      </Fact>
      <Fact label={t('company.fields.website')}>
        {company.website && (
          <Anchor href={webHref(company.website)} size="sm" target="_blank" rel="noopener noreferrer">
            {company.website}
          </Anchor>
        )}
      </Fact>
      <Fact label={t('company.fields.owner')}>{company.ownerName}</Fact>
      <Fact label={t('company.fields.industry')}>{company.industry}</Fact>
      <Fact label={t('company.fields.createdAt')}>{fmt.dateTime(company.createdAt)}</Fact>
      <Fact label={t('company.fields.updatedAt')}>{fmt.dateTime(company.updatedAt)}</Fact>
    </SimpleGrid>
  );
}
