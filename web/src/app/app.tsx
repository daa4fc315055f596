import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { onUnauthenticated } from '../lib/api.ts';
import { queryClient } from '../lib/query-client.ts';
import { makeRouter } from './router.tsx';
import { theme } from './theme.ts';

const colorSchemeManager = localStorageColorSchemeManager({ key: 'rapport.color-scheme' });

export function App() {
  const [router] = useState(() => makeRouter(queryClient));

  // When the session ends elsewhere (signed out in another tab, removed from the workspace), go to sign-in.
  useEffect(
    () =>
      onUnauthenticated(() => {
        queryClient.setQueryData(['me'], null);
        const here = router.state.location.href;
        void router.navigate({ to: '/sign-in', search: { redirect: here } });
      }),
    [router],
  );

  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
      <Notifications position="bottom-right" limit={4} />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
