import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { Company } from '@rapport/contracts/companies.ts';
import { IconCopy, IconExternalLink } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CompanyDuplicates,
  type DuplicateProbe,
  fetchCompanyDuplicates,
  useCompanyDuplicates,
} from '../api/companies.ts';
import { type CompanyValues, toValues } from './company-values.ts';

/** The fields that tell companies apart; in an edit only the changed ones are checked. */
function probeOf(v: CompanyValues, base: Company | null | undefined): DuplicateProbe {
  const was = base ? toValues(base, null) : null;
  const changed = <K extends keyof CompanyValues>(k: K) => !was || JSON.stringify(was[k]) !== JSON.stringify(v[k]);
  return {
    name: v.type !== 'private' && changed('name') ? v.name.trim() : undefined,
    orgNumber: changed('orgNumber') || changed('country') ? v.orgNumber.trim() || undefined : undefined,
    country: v.country,
    email: changed('emails') ? v.emails.find((e) => e.value.includes('@'))?.value : undefined,
    phone: changed('phones') ? v.phones.find((p) => p.value.trim())?.value : undefined,
    excludeId: base?.id,
  };
}
const probes = (p: DuplicateProbe) => Boolean(p.name || p.orgNumber || p.email || p.phone);

/**
 * Possible duplicates of the company in a form: asked as the user types (debounced), and once more
 * on save. `mayGoAhead` says whether saving can go on: not while a set of duplicates is new on screen;
 * a second save with the same set on screen means "save anyway".
 */
export function useDuplicateCheck(values: CompanyValues, base: Company | null | undefined) {
  const probe = probeOf(values, base);
  const probeKey = JSON.stringify(probe);
  const [debouncedKey] = useDebouncedValue(probeKey, 400);
  const debounced = useMemo(() => JSON.parse(debouncedKey) as DuplicateProbe, [debouncedKey]);
  const live = useCompanyDuplicates(debounced, probes(debounced));
  const [checked, setChecked] = useState<{ probeKey: string; items: CompanyDuplicates['items'] } | null>(null);
  const [acknowledged, setAcknowledged] = useState<string | null>(null);
  const duplicates = !probes(probe) ? [] : checked?.probeKey === probeKey ? checked.items : (live.data?.items ?? []);
  const confirming = duplicates.length > 0 && acknowledged === duplicates.map((d) => d.company.id).join(',');

  const mayGoAhead = async (): Promise<boolean> => {
    if (!probes(probe)) return true;
    try {
      const fresh = await fetchCompanyDuplicates(probe);
      const key = fresh.items.map((d) => d.company.id).join(',');
      setChecked({ probeKey, items: fresh.items });
      if (fresh.items.length > 0 && key !== acknowledged) {
        setAcknowledged(key);
        return false;
      }
    } catch {
      // A failed check must not keep anyone from saving.
    }
    return true;
  };

  return { duplicates, confirming, mayGoAhead };
}

/**
 * Companies that look like the one being typed in, shown before saving. An exact org-number match
 * is red; a similar name, e-mail or phone orange. Each can be opened instead of making a duplicate.
 */
export function CompanyDuplicatesAlert({
  duplicates,
  confirming,
  onOpen,
}: {
  duplicates: CompanyDuplicates['items'];
  /** Saving was tried with these on screen: the next save goes ahead anyway. */
  confirming: boolean;
  onOpen: (company: Company) => void;
}) {
  const { t } = useTranslation();
  if (duplicates.length === 0) return null;
  const exact = duplicates.some((d) => d.reasons.includes('orgNumber'));
  return (
    <Alert
      color={exact ? 'red' : 'orange'}
      icon={<IconCopy size={18} />}
      title={exact ? t('card.duplicates.exactTitle') : t('card.duplicates.title')}
      data-testid="company-duplicates"
    >
      <Stack gap={6}>
        {duplicates.slice(0, 5).map(({ company, reasons }) => (
          <Group key={company.id} justify="space-between" wrap="nowrap" gap="sm" data-testid="company-duplicate">
            <Stack gap={0} miw={0}>
              <Text size="sm" fw={600} truncate>
                {company.name}
              </Text>
              <Group gap={4}>
                {company.orgNumber && (
                  <Text size="xs" c="dimmed">
                    {company.orgNumber}
                  </Text>
                )}
                {reasons.map((r) => (
                  <Badge key={r} size="xs" variant="light" color={r === 'orgNumber' ? 'red' : 'orange'}>
                    {t(`card.duplicates.reasons.${r}`)}
                  </Badge>
                ))}
              </Group>
            </Stack>
            <Button
              size="compact-xs"
              variant="white"
              color={exact ? 'red' : 'orange'}
              rightSection={<IconExternalLink size={12} />}
              onClick={() => onOpen(company)}
              data-testid="open-duplicate"
            >
              {t('card.duplicates.open')}
            </Button>
          </Group>
        ))}
        {confirming && (
          <Text size="xs" fw={500}>
            {t('card.duplicates.saveAnyway')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
