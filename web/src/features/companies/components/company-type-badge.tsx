import { Badge } from '@mantine/core';
import type { CompanyType } from '@rapport/contracts/companies.ts';
import { useTranslation } from 'react-i18next';

const COLORS: Record<CompanyType, string> = { customer: 'blue', supplier: 'grape', private: 'teal' };

export function CompanyTypeBadge({ type }: { type: CompanyType }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={COLORS[type]} size="sm" radius="sm">
      {t(`company.types.${type}`)}
    </Badge>
  );
}
