import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../../features/auth/components/auth-layout.tsx';
import { SetupForm } from '../../features/auth/components/setup-form.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useDocumentTitle(t('setup.title'));
  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.subtitle')} width={460}>
      <SetupForm onDone={() => void navigate({ to: '/companies' })} />
    </AuthLayout>
  );
}
