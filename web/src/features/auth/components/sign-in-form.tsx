import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignIn } from '../api/auth.ts';
import { authErrorMessage } from './auth-error.ts';

export function SignInForm({ onDone, initialEmail }: { onDone: () => void; initialEmail?: string }) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const [email, setEmail] = useState(initialEmail ?? '');
  const [password, setPassword] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ email: email.trim(), password }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} data-testid="signin-form">
      <Stack gap="sm">
        {signIn.isError && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="signin-error">
            {authErrorMessage(signIn.error, t)}
          </Alert>
        )}
        <TextInput
          label={t('auth.email')}
          type="email"
          required
          withAsterisk={false}
          autoFocus
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          data-testid="signin-email"
        />
        <div>
          <PasswordInput
            label={t('auth.password')}
            required
            withAsterisk={false}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            data-testid="signin-password"
          />
          <Group justify="flex-end" mt={6}>
            <Anchor component={Link} to="/forgot-password" size="xs">
              {t('auth.forgot')}
            </Anchor>
          </Group>
        </div>
        <Button type="submit" loading={signIn.isPending} fullWidth data-testid="signin-submit">
          {t('auth.signIn')}
        </Button>
      </Stack>
    </form>
  );
}
