import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRequestPasswordReset, useResetPassword } from '../api/auth.ts';
import { authErrorMessage } from './auth-error.ts';

export function ForgotPasswordForm() {
  const { t } = useTranslation();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');

  if (request.isSuccess) {
    return (
      <Alert color="green" icon={<IconCheck size={18} />} data-testid="reset-link-sent">
        {t('auth.linkSent')}
      </Alert>
    );
  }
  return (
    <form
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        request.mutate(email.trim());
      }}
    >
      <Stack gap="sm">
        {request.isError && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />}>
            {authErrorMessage(request.error, t)}
          </Alert>
        )}
        <TextInput
          label={t('auth.email')}
          type="email"
          required
          withAsterisk={false}
          autoFocus
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        <Button type="submit" loading={request.isPending} fullWidth>
          {t('auth.sendLink')}
        </Button>
      </Stack>
    </form>
  );
}

export function ResetPasswordForm({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useTranslation();
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<{ password?: string; repeat?: string }>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password.length < 10) return setError({ password: t('auth.passwordTooShort') });
    if (password !== repeat) return setError({ repeat: t('auth.passwordsDiffer') });
    setError({});
    reset.mutate({ token, newPassword: password }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {reset.isError && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />}>
            {authErrorMessage(reset.error, t)}
          </Alert>
        )}
        <PasswordInput
          label={t('auth.newPassword')}
          description={t('setup.passwordHint')}
          required
          withAsterisk={false}
          autoFocus
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={error.password}
        />
        <PasswordInput
          label={t('auth.confirmPassword')}
          required
          withAsterisk={false}
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.currentTarget.value)}
          error={error.repeat}
        />
        <Button type="submit" loading={reset.isPending} fullWidth>
          {t('auth.resetSubmit')}
        </Button>
      </Stack>
    </form>
  );
}
