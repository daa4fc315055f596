import { Anchor } from '@mantine/core';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../../features/auth/components/auth-layout.tsx';
import { SignInForm } from '../../features/auth/components/sign-in-form.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

const route = getRouteApi('/sign-in');

export function SignInPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate();
  useDocumentTitle(t('auth.signIn'));
  return (
    <AuthLayout
      title={t('auth.signInTitle')}
      subtitle={t('auth.signInSubtitle')}
      footer={
        <>
          {t('auth.noAccount')}{' '}
          <Anchor
            size="sm"
            renderRoot={(props) => <Link {...props} to="/sign-up" search={{ redirect: search.redirect }} />}
          >
            {t('auth.signUp')}
          </Anchor>
        </>
      }
    >
      <SignInForm
        initialEmail={search.email}
        onDone={() => void navigate({ to: search.redirect ?? '/companies', replace: true })}
      />
    </AuthLayout>
  );
}
