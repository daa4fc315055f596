import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../../features/auth/components/auth-layout.tsx';
import { ForgotPasswordForm, ResetPasswordForm } from '../../features/auth/components/password-forms.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

function BackToSignIn() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/sign-in" size="sm">
      {t('auth.backToSignIn')}
    </Anchor>
  );
}

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.forgotTitle'));
  return (
    <AuthLayout title={t('auth.forgotTitle')} subtitle={t('auth.forgotText')} footer={<BackToSignIn />}>
      <ForgotPasswordForm />
    </AuthLayout>
  );
}

const resetRoute = getRouteApi('/reset-password');

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token, error } = resetRoute.useSearch();
  const [done, setDone] = useState(false);
  useDocumentTitle(t('auth.resetTitle'));
  return (
    <AuthLayout title={t('auth.resetTitle')} footer={<BackToSignIn />}>
      {done ? (
        <Stack>
          <Alert color="green" icon={<IconCheck size={18} />}>
            {t('auth.resetDone')}
          </Alert>
          <Button component={Link} to="/sign-in">
            {t('auth.signIn')}
          </Button>
        </Stack>
      ) : !token || error ? (
        <Stack>
          <Alert color="red">{t('auth.tokenInvalid')}</Alert>
          <Button component={Link} to="/forgot-password" variant="light">
            {t('auth.sendLink')}
          </Button>
        </Stack>
      ) : (
        <ResetPasswordForm token={token} onDone={() => setDone(true)} />
      )}
    </AuthLayout>
  );
}
