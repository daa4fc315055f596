import { type Address, formatAddress } from '@rapport/contracts/address.ts';
import type { Company } from '@rapport/contracts/companies.ts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import { useUsers } from '../api/companies.ts';

const LABEL_KEYS: Record<string, string> = {
  ownerId: 'company.fields.owner',
  phones: 'card.fields.phones',
  emails: 'card.fields.emails',
  addresses: 'card.fields.addresses',
  firstName: 'card.fields.firstName',
  lastName: 'card.fields.lastName',
  paymentTermsDays: 'card.fields.paymentTerms',
  currency: 'card.fields.currency',
  mergedFrom: 'card.history.mergedFrom',
  mergedInto: 'card.history.mergedInto',
  categories: 'categories.title',
  relation: 'relations.historyRelation',
  personRelation: 'relations.historyPersonRelation',
};

/** Field names and stored values of a company's history, in words a user reads. */
export function useCompanyHistoryFormat(company: Company) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const users = useUsers();
  const userName = (id: string) => users.data?.items.find((u) => u.id === id)?.name;

  const fieldLabel = (field: string) => {
    const key = LABEL_KEYS[field] ?? `company.fields.${field}`;
    return i18n.exists(key) ? t(key as 'company.fields.name') : field;
  };

  const formatValue = (field: string, value: unknown): string | undefined => {
    if (value === null || value === undefined) return undefined;
    if (field === 'mergedFrom' || field === 'mergedInto') return (value as { name?: string }).name;
    if (field === 'addresses' && Array.isArray(value)) {
      return (value as Address[])
        .map((a) => `${t(`card.addressKinds.${a.kind}`)}: ${formatAddress(a, company.country).join(', ')}`)
        .join(' · ');
    }
    if ((field === 'phones' || field === 'emails') && Array.isArray(value)) {
      const types = field === 'phones' ? 'card.phoneTypes' : 'card.emailTypes';
      return (value as { type: string; value: string }[])
        .map((v) => `${v.value} (${t(`${types}.${v.type}` as 'card.phoneTypes.main')})`)
        .join(', ');
    }
    if (field === 'paymentTermsDays' && typeof value === 'number') return t('card.daysCount', { count: value });
    if (typeof value !== 'string') return undefined;
    if (field === 'type' && (value === 'customer' || value === 'supplier' || value === 'private'))
      return t(`company.types.${value}`);
    if (field === 'country') return fmt.country(value);
    if (field === 'ownerId')
      return userName(value) ?? (value === company.ownerId ? (company.ownerName ?? undefined) : undefined);
    if (field === 'visibility' && (value === 'everyone' || value === 'owner')) return t(`company.visibility.${value}`);
    return undefined;
  };

  return { fieldLabel, formatValue };
}
