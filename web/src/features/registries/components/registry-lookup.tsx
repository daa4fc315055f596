import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { formatAddress } from '@rapport/contracts/address.ts';
import type { RegistryHit } from '@rapport/contracts/registries.ts';
import { IconBuildingBank, IconCloudOff, IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/error-text.ts';
import { registryCountry, useRegistrySearch } from '../api/registries.ts';

/**
 * Hits from the national business registries for what is typed into a new company's name or
 * organisation number. Picking one fills the form; a registry that is slow or down says so and
 * the form keeps working without it.
 */
export function RegistryLookup({
  query,
  country,
  onPick,
  onOpenExisting,
}: {
  query: string;
  country: string | null;
  onPick: (hit: RegistryHit) => void;
  onOpenExisting: (companyId: string) => void;
}) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(query, 350);
  const search = useRegistrySearch(debounced, country);
  if (debounced.length < 2 || registryCountry(country) === null) return null;
  if (search.isPending || (search.isFetching && debounced !== query)) {
    return (
      <Group gap={6} c="dimmed" data-testid="registry-searching">
        <Loader size={12} />
        <Text size="xs">{t('registry.searching')}</Text>
      </Group>
    );
  }
  if (search.error) {
    return (
      <Alert color="yellow" variant="light" icon={<IconCloudOff size={16} />} p="xs" data-testid="registry-problem">
        <Text size="xs">{t('registry.failed', { message: errorText(t, search.error) })}</Text>
      </Alert>
    );
  }
  const { hits, problems } = search.data;
  return (
    <Stack gap={6} data-testid="registry-lookup">
      {problems.map((p) => (
        <Alert
          key={p.registry}
          color="yellow"
          variant="light"
          icon={<IconCloudOff size={16} />}
          p="xs"
          data-testid="registry-problem"
        >
          <Text size="xs" title={p.message}>
            {t(/in time/.test(p.message) ? 'registry.problems.timeout' : 'registry.problems.down', {
              registry: t(`registry.names.${p.registry}`),
            })}
          </Text>
        </Alert>
      ))}
      {hits.length > 0 && (
        <Paper withBorder radius="md" p={4} data-testid="registry-hits">
          <Group gap={6} px={8} pt={4} pb={2}>
            <IconBuildingBank size={14} style={{ opacity: 0.6 }} />
            <Text size="xs" c="dimmed" fw={500}>
              {t('registry.hitsTitle')}
            </Text>
          </Group>
          {hits.map((hit) => (
            <HitRow
              key={`${hit.registry}-${hit.orgNumber}`}
              hit={hit}
              onPick={onPick}
              onOpenExisting={onOpenExisting}
            />
          ))}
        </Paper>
      )}
      {hits.length === 0 && problems.length === 0 && (
        <Text size="xs" c="dimmed" data-testid="registry-none">
          {t('registry.none')}
        </Text>
      )}
    </Stack>
  );
}

function HitRow({
  hit,
  onPick,
  onOpenExisting,
}: {
  hit: RegistryHit;
  onPick: (hit: RegistryHit) => void;
  onOpenExisting: (companyId: string) => void;
}) {
  const { t } = useTranslation();
  const address = hit.addresses[0] ? formatAddress(hit.addresses[0], hit.country).join(', ') : null;
  const existing = hit.existingCompanyId;
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      gap="sm"
      px={8}
      py={6}
      data-testid="registry-hit"
      style={{ borderRadius: 'var(--mantine-radius-sm)' }}
    >
      <UnstyledButton onClick={() => (existing ? onOpenExisting(existing) : onPick(hit))} miw={0} style={{ flex: 1 }}>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600} truncate>
            {hit.name}
          </Text>
          {hit.companyForm && (
            <Badge size="xs" variant="default" radius="sm">
              {hit.companyForm}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed" truncate>
          {[hit.orgNumber, address, hit.industry].filter(Boolean).join(' · ')}
        </Text>
      </UnstyledButton>
      {existing ? (
        <Button
          size="compact-xs"
          variant="light"
          color="orange"
          rightSection={<IconExternalLink size={12} />}
          onClick={() => onOpenExisting(existing)}
          data-testid="registry-open-existing"
        >
          {t('registry.alreadyThere')}
        </Button>
      ) : (
        <Button size="compact-xs" variant="light" onClick={() => onPick(hit)} data-testid="registry-use">
          {t('registry.use')}
        </Button>
      )}
    </Group>
  );
}
