import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { SetupSchema } from '@rapport/contracts/workspaces.ts';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormState, zodFieldErrors } from '../../../lib/form.ts';
import { useSetup } from '../api/auth.ts';
import { authErrorMessage } from './auth-error.ts';

export function SetupForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const setup = useSetup();
  const form = useFormState({ workspace: '', name: '', email: '', password: '' });
  const { values, errors } = form;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = SetupSchema.safeParse(values);
    if (!parsed.success) {
      const errs = zodFieldErrors(parsed.error);
      if (errs.password) errs.password = t('auth.passwordTooShort');
      if (errs.email) errs.email = t('auth.invalidEmail');
      if (errs.workspace) errs.workspace = t('common.required');
      if (errs.name) errs.name = t('common.required');
      return form.setErrors(errs);
    }
    setup.mutate(parsed.data, {
      onSuccess: onDone,
      onError: (err) => form.setFormError(authErrorMessage(err, t)),
    });
  };

  return (
    <form onSubmit={submit} data-testid="setup-form" noValidate>
      <Stack gap="sm">
        {form.formError && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />}>
            {form.formError}
          </Alert>
        )}
        <TextInput
          label={t('setup.workspace')}
          placeholder={t('setup.workspacePlaceholder')}
          required
          withAsterisk={false}
          autoFocus
          value={values.workspace}
          onChange={(e) => form.set('workspace', e.currentTarget.value)}
          error={errors.workspace}
          maxLength={100}
        />
        <TextInput
          label={t('setup.name')}
          required
          withAsterisk={false}
          autoComplete="name"
          value={values.name}
          onChange={(e) => form.set('name', e.currentTarget.value)}
          error={errors.name}
          maxLength={100}
        />
        <TextInput
          label={t('setup.email')}
          type="email"
          required
          withAsterisk={false}
          autoComplete="email"
          value={values.email}
          onChange={(e) => form.set('email', e.currentTarget.value)}
          error={errors.email}
        />
        <PasswordInput
          label={t('setup.password')}
          description={t('setup.passwordHint')}
          required
          withAsterisk={false}
          autoComplete="new-password"
          value={values.password}
          onChange={(e) => form.set('password', e.currentTarget.value)}
          error={errors.password}
        />
        <Button type="submit" loading={setup.isPending} mt="xs" fullWidth>
          {t('setup.submit')}
        </Button>
      </Stack>
    </form>
  );
}
