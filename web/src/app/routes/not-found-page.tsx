import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <Center mih="60vh" p="xl">
      <Stack align="center" gap="sm">
        <Title order={1} fz={48} c="dimmed">
          404
        </Title>
        <Text fw={600}>{t('notFound.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('common.notFoundText')}
        </Text>
        <Button component={Link} to="/companies" variant="light">
          {t('notFound.home')}
        </Button>
      </Stack>
    </Center>
  );
}
