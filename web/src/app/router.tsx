import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, redirect } from '@tanstack/react-router';
import { validateTaskSearch } from '../features/activities/task-search.ts';
import { validateDiarySearch } from '../features/diary/diary-search.ts';
import { validateListSearch } from '../features/lists/list-search.ts';
import { meQuery, setupQuery } from '../lib/session.ts';
import { AppLayout } from './layout/app-layout.tsx';
import { RootLayout } from './layout/root-layout.tsx';
import { ActivityPage } from './routes/activity-page.tsx';
import { CompaniesPage } from './routes/companies-page.tsx';
import { CompanyPage } from './routes/company-page.tsx';
import { ContactPage } from './routes/contact-page.tsx';
import { ContactsPage } from './routes/contacts-page.tsx';
import { DiaryPage } from './routes/diary-page.tsx';
import { HomePage } from './routes/home-page.tsx';
import { InvitePage } from './routes/invite-page.tsx';
import { NotFoundPage } from './routes/not-found-page.tsx';
import { ForgotPasswordPage, ResetPasswordPage } from './routes/password-pages.tsx';
import { SettingsPage } from './routes/settings-page.tsx';
import { SetupPage } from './routes/setup-page.tsx';
import { SignInPage } from './routes/sign-in-page.tsx';
import { SignUpPage } from './routes/sign-up-page.tsx';
import { TasksPage } from './routes/tasks-page.tsx';
import { TrashPage } from './routes/trash-page.tsx';

export type RouterContext = { queryClient: QueryClient };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/** Only paths inside the app are followed after sign-in. */
const safeRedirect = (v: unknown): string | undefined => {
  const s = str(v);
  return s?.startsWith('/') && !s.startsWith('//') ? s : undefined;
};

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
});

/** Pages for signed-out people: they go into the app when already signed in. */
async function guestOnly(queryClient: QueryClient, to?: string) {
  if ((await queryClient.ensureQueryData(setupQuery)).needed) throw redirect({ to: '/setup' });
  const me = await queryClient.fetchQuery(meQuery);
  if (me?.workspace) throw redirect({ to: to ?? '/companies' });
}

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  beforeLoad: async ({ context }) => {
    if (!(await context.queryClient.fetchQuery({ ...setupQuery, staleTime: 0 })).needed)
      throw redirect({ to: '/sign-in' });
  },
  component: SetupPage,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (s: Record<string, unknown>): { redirect?: string; email?: string } => ({
    redirect: safeRedirect(s.redirect),
    email: str(s.email),
  }),
  beforeLoad: ({ context, search }) => guestOnly(context.queryClient, search.redirect),
  component: SignInPage,
});

const signUpRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-up',
  validateSearch: (s: Record<string, unknown>): { redirect?: string } => ({ redirect: safeRedirect(s.redirect) }),
  component: SignUpPage,
});

const forgotRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: ForgotPasswordPage,
});

const resetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: (s: Record<string, unknown>): { token?: string; error?: string } => ({
    token: str(s.token),
    error: str(s.error),
  }),
  component: ResetPasswordPage,
});

const inviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invite/$id',
  component: InvitePage,
});

/** Everything inside the app shell needs a signed-in member of a workspace. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: '_app',
  beforeLoad: async ({ context, location }) => {
    if ((await context.queryClient.ensureQueryData(setupQuery)).needed) throw redirect({ to: '/setup' });
    const me = await context.queryClient.fetchQuery(meQuery);
    if (!me) {
      const here = location.href;
      throw redirect({ to: '/sign-in', search: { redirect: here === '/' ? undefined : here } });
    }
  },
  component: AppLayout,
});

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/companies' });
  },
});

/** Home: my activity targets this week (and my team's, for managers). */
const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/home',
  component: HomePage,
});

const companiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/companies',
  validateSearch: validateListSearch,
  component: CompaniesPage,
});

const companyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/companies/$id',
  component: CompanyPage,
});

const contactsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contacts',
  validateSearch: validateListSearch,
  component: ContactsPage,
});

const contactRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contacts/$id',
  component: ContactPage,
});

const diaryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/diary',
  validateSearch: validateDiarySearch,
  component: DiaryPage,
});

const tasksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tasks',
  validateSearch: validateTaskSearch,
  component: TasksPage,
});

/** One activity: the target of notification and mail links. */
const activityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/activities/$id',
  component: ActivityPage,
});

const trashRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/trash',
  validateSearch: (s: Record<string, unknown>): { tab?: 'companies' | 'contacts' } => ({
    tab: s.tab === 'contacts' ? 'contacts' : undefined,
  }),
  component: TrashPage,
});

const settingsIndexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  beforeLoad: () => {
    throw redirect({ to: '/settings/$section', params: { section: 'workspace' } });
  },
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/$section',
  component: SettingsPage,
});

const routeTree = rootRoute.addChildren([
  setupRoute,
  signInRoute,
  signUpRoute,
  forgotRoute,
  resetRoute,
  inviteRoute,
  appRoute.addChildren([
    indexRoute,
    homeRoute,
    companiesRoute,
    companyRoute,
    contactsRoute,
    contactRoute,
    diaryRoute,
    tasksRoute,
    activityRoute,
    trashRoute,
    settingsIndexRoute,
    settingsRoute,
  ]),
]);

export function makeRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
