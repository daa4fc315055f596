import type { Setup } from '@rapport/contracts/workspaces.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

/** After any change of who is signed in, everything cached belongs to someone else. */
function useResetSession() {
  const qc = useQueryClient();
  return async () => {
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'setup' && q.queryKey[0] !== 'me' });
    await qc.invalidateQueries({ queryKey: ['me'] });
  };
}

export function useSignIn() {
  const reset = useResetSession();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api.post('/api/auth/sign-in/email', { ...body, rememberMe: true }),
    onSuccess: reset,
  });
}

export function useSignUp() {
  const reset = useResetSession();
  return useMutation({
    mutationFn: (body: { name: string; email: string; password: string }) => api.post('/api/auth/sign-up/email', body),
    onSuccess: reset,
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/auth/sign-out'),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(['me'], null);
    },
  });
}

/** Creates the first workspace and its administrator, then signs in as them. */
export function useSetup() {
  const qc = useQueryClient();
  const reset = useResetSession();
  return useMutation({
    mutationFn: async (body: Setup) => {
      await api.post('/api/v1/setup', body);
      await api.post('/api/auth/sign-in/email', { email: body.email, password: body.password, rememberMe: true });
    },
    onSuccess: async () => {
      qc.setQueryData(['setup'], { needed: false });
      await reset();
    },
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) =>
      api.post('/api/auth/request-password-reset', { email, redirectTo: '/reset-password' }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: { token: string; newPassword: string }) => api.post('/api/auth/reset-password', body),
  });
}

export function useAcceptInvitation() {
  const reset = useResetSession();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<{ workspaceId: string; workspaceName: string }>(`/api/v1/invitations/${id}/accept`),
    onSuccess: reset,
  });
}

export function useSwitchWorkspace() {
  const reset = useResetSession();
  return useMutation({
    mutationFn: (workspaceId: string) => api.post('/api/v1/me/workspace', { workspaceId }),
    onSuccess: reset,
  });
}
