import { Anchor } from '@mantine/core';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../../features/auth/components/auth-layout.tsx';
import { SignUpForm } from '../../features/auth/components/sign-up-form.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

const route = getRouteApi('/sign-up');

export function SignUpPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate();
  useDocumentTitle(t('auth.signUp'));
  return (
    <AuthLayout
      title={t('auth.signUpTitle')}
      subtitle={t('auth.signUpSubtitle')}
      footer={
        <>
          {t('auth.haveAccount')}{' '}
          <Anchor
            size="sm"
            renderRoot={(props) => <Link {...props} to="/sign-in" search={{ redirect: search.redirect }} />}
          >
            {t('auth.signIn')}
          </Anchor>
        </>
      }
    >
      <SignUpForm onDone={() => void navigate({ to: search.redirect ?? '/companies', replace: true })} />
    </AuthLayout>
  );
}
