import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { EmailValueSchema } from '@rapport/contracts/common.ts';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormState } from '../../../lib/form.ts';
import { useSignUp } from '../api/auth.ts';
import { authErrorMessage } from './auth-error.ts';

export function SignUpForm({ onDone, initialEmail }: { onDone: () => void; initialEmail?: string }) {
  const { t } = useTranslation();
  const signUp = useSignUp();
  const form = useFormState({ name: '', email: initialEmail ?? '', password: '' });
  const { values, errors } = form;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!values.name.trim()) errs.name = t('common.required');
    if (!EmailValueSchema.safeParse(values.email.trim()).success) errs.email = t('auth.invalidEmail');
    if (values.password.length < 10) errs.password = t('auth.passwordTooShort');
    if (Object.keys(errs).length > 0) return form.setErrors(errs);
    signUp.mutate(
      { name: values.name.trim(), email: values.email.trim(), password: values.password },
      { onSuccess: onDone, onError: (err) => form.setFormError(authErrorMessage(err, t)) },
    );
  };

  return (
    <form onSubmit={submit} data-testid="signup-form" noValidate>
      <Stack gap="sm">
        {form.formError && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />}>
            {form.formError}
          </Alert>
        )}
        <TextInput
          label={t('auth.name')}
          required
          withAsterisk={false}
          autoFocus
          autoComplete="name"
          value={values.name}
          onChange={(e) => form.set('name', e.currentTarget.value)}
          error={errors.name}
        />
        <TextInput
          label={t('auth.email')}
          type="email"
          required
          withAsterisk={false}
          autoComplete="email"
          value={values.email}
          onChange={(e) => form.set('email', e.currentTarget.value)}
          error={errors.email}
        />
        <PasswordInput
          label={t('auth.password')}
          description={t('setup.passwordHint')}
          required
          withAsterisk={false}
          autoComplete="new-password"
          value={values.password}
          onChange={(e) => form.set('password', e.currentTarget.value)}
          error={errors.password}
        />
        <Button type="submit" loading={signUp.isPending} fullWidth mt="xs">
          {t('auth.signUp')}
        </Button>
      </Stack>
    </form>
  );
}
