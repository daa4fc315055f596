import { Alert, Button, Group, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAcceptInvitation, useSignOut } from '../../features/auth/api/auth.ts';
import { authErrorMessage } from '../../features/auth/components/auth-error.ts';
import { AuthLayout } from '../../features/auth/components/auth-layout.tsx';
import { SignInForm } from '../../features/auth/components/sign-in-form.tsx';
import { SignUpForm } from '../../features/auth/components/sign-up-form.tsx';
import { meQuery } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

const route = getRouteApi('/invite/$id');

/** An invitation link: sign in or create an account, then accept. */
export function InvitePage() {
  const { t } = useTranslation();
  const { id } = route.useParams();
  const navigate = useNavigate();
  const me = useQuery(meQuery);
  const accept = useAcceptInvitation();
  const signOut = useSignOut();
  const [mode, setMode] = useState<'sign-in' | 'sign-up'>('sign-in');
  useDocumentTitle(t('invite.title'));

  const doAccept = () =>
    accept.mutate(id, {
      onSuccess: (res) => {
        notifications.show({ color: 'green', message: t('invite.accepted', { workspace: res.workspaceName }) });
        void navigate({ to: '/companies' });
      },
    });

  return (
    <AuthLayout title={t('invite.title')} subtitle={me.data ? t('invite.text') : t('invite.signInFirst')}>
      {me.isPending ? (
        <Skeleton height={120} />
      ) : me.data ? (
        <Stack gap="md">
          <Text size="sm">{t('invite.signedInAs', { email: me.data.user.email })}</Text>
          {accept.isError && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />}>
              {authErrorMessage(accept.error, t)}
            </Alert>
          )}
          <Group justify="space-between">
            <Button variant="subtle" onClick={() => signOut.mutate()} loading={signOut.isPending}>
              {t('invite.otherAccount')}
            </Button>
            <Button onClick={doAccept} loading={accept.isPending} data-testid="accept-invitation">
              {t('invite.accept')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <SegmentedControl
            fullWidth
            value={mode}
            onChange={(v) => setMode(v as 'sign-in' | 'sign-up')}
            data={[
              { value: 'sign-in', label: t('auth.signIn') },
              { value: 'sign-up', label: t('auth.signUp') },
            ]}
          />
          {mode === 'sign-in' ? (
            <SignInForm onDone={() => void me.refetch()} />
          ) : (
            <SignUpForm onDone={() => void me.refetch()} />
          )}
        </Stack>
      )}
    </AuthLayout>
  );
}
