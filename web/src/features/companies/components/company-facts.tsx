import { Anchor, Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { formatAddress } from '@rapport/contracts/address.ts';
import type { Company } from '@rapport/contracts/companies.ts';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import { ADDRESS_KINDS } from './company-values.ts';

export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  const empty = children === null || children === undefined || children === '' || children === false;
  return (
    <Stack gap={2} miw={0} data-testid={testId}>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {empty ? (
          <Text span c="dimmed">
            —
          </Text>
        ) : (
          children
        )}
      </Text>
    </Stack>
  );
}

const webHref = (url: string) => (/^https?:\/\//i.test(url) ? url : `https://${url}`);

/** The company's details in the card's side column: numbers, ways to reach it, owner and terms. */
export function CompanyFacts({ company }: { company: Company }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Stack gap="md" data-testid="company-facts">
      <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
        <Fact label={t('company.fields.customerNumber')}>{String(company.customerNumber)}</Fact>
        <Fact label={t('company.fields.orgNumber')} testId="fact-org-number">
          {company.orgNumber}
        </Fact>
        <Fact label={t('company.fields.country')}>{company.country ? fmt.country(company.country) : null}</Fact>
        <Fact label={t('company.fields.industry')} testId="fact-industry">
          {company.industry}
        </Fact>
      </SimpleGrid>
      <Fact label={t('card.fields.phones')}>
        {company.phones.length > 0 && (
          <Stack gap={2}>
            {company.phones.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same number may be listed twice
              <Group key={i} gap={6} wrap="nowrap">
                <Anchor href={`tel:${p.value.replace(/[^\d+]/g, '')}`} size="sm">
                  {p.value}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t(`card.phoneTypes.${p.type}`)}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Fact>
      <Fact label={t('card.fields.emails')}>
        {company.emails.length > 0 && (
          <Stack gap={2}>
            {company.emails.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same address may be listed twice
              <Group key={i} gap={6} wrap="nowrap" miw={0}>
                <Anchor href={`mailto:${e.value}`} size="sm" truncate>
                  {e.value}
                </Anchor>
                <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                  {t(`card.emailTypes.${e.type}`)}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Fact>
      <Fact label={t('company.fields.website')}>
        {company.website && (
          <Anchor href={webHref(company.website)} size="sm" target="_blank" rel="noopener noreferrer">
            {company.website}
          </Anchor>
        )}
      </Fact>
      <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
        <Fact label={t('company.fields.owner')} testId="fact-owner">
          {company.ownerName}
        </Fact>
        <Fact label={t('company.fields.visibility')}>
          {company.visibility === 'owner' ? (
            <Badge variant="light" color="grape" size="sm" leftSection={<IconLock size={10} />}>
              {t('company.visibility.owner')}
            </Badge>
          ) : (
            t('company.visibility.everyone')
          )}
        </Fact>
        <Fact label={t('card.fields.paymentTerms')}>
          {company.paymentTermsDays !== null ? t('card.daysCount', { count: company.paymentTermsDays }) : null}
        </Fact>
        <Fact label={t('card.fields.currency')}>{company.currency}</Fact>
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('card.createdUpdated', { created: fmt.date(company.createdAt), updated: fmt.relative(company.updatedAt) })}
      </Text>
    </Stack>
  );
}

/** The company's addresses, each laid out as the post of its country wants it. */
export function CompanyAddresses({ company }: { company: Company }) {
  const { t } = useTranslation();
  const sorted = [...company.addresses].sort((a, b) => ADDRESS_KINDS.indexOf(a.kind) - ADDRESS_KINDS.indexOf(b.kind));
  if (sorted.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('card.noAddresses')}
      </Text>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md" data-testid="company-addresses">
      {sorted.map((a) => (
        <Fact key={a.kind} label={t(`card.addressKinds.${a.kind}`)}>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {formatAddress(a, company.country).join('\n')}
          </Text>
        </Fact>
      ))}
    </SimpleGrid>
  );
}
