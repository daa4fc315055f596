import { Box, Center, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAddressBook } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The centred card around the setup, sign-in and password pages. */
export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
  width = 420,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  width?: number;
}) {
  const { t } = useTranslation();
  return (
    <Box
      mih="100dvh"
      py={48}
      px="md"
      bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))"
      component="main"
    >
      <Center>
        <Stack w="100%" maw={width} gap="lg">
          <Group gap={10} justify="center">
            <ThemeIcon size={36} radius="md" variant="filled">
              <IconAddressBook size={22} />
            </ThemeIcon>
            <Text fw={700} fz={22} style={{ letterSpacing: '-0.01em' }}>
              {t('app.name')}
            </Text>
          </Group>
          <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 32 }}>
            <Stack gap={4} mb="lg">
              <Title order={1} fz={22} fw={650}>
                {title}
              </Title>
              {subtitle && (
                <Text size="sm" c="dimmed" component="div">
                  {subtitle}
                </Text>
              )}
            </Stack>
            {children}
          </Paper>
          {footer && (
            <Text size="sm" ta="center" c="dimmed" component="div">
              {footer}
            </Text>
          )}
        </Stack>
      </Center>
    </Box>
  );
}
