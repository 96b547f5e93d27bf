import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, createBrowserRouter, useNavigate } from 'react-router';
import { useLogOut, useMe, useSignedIn } from './api/me';
import { useI18n } from './i18n/i18n';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from './i18n/messages';
import { AccountDeletedPage, AccountPage } from './pages/account-page';
import { ForgotPasswordPage } from './pages/forgot-password-page';
import { GroupPage } from './pages/group-page';
import { LogInPage } from './pages/log-in-page';
import { NotificationSettingsPage } from './pages/notification-settings-page';
import { PersonPage } from './pages/person-page';
import { ResetPasswordPage } from './pages/reset-password-page';
import { MyBadgesPage } from './pages/my-badges-page';
import { MyGroupsPage } from './pages/my-groups-page';
import { reviewRoutes } from './pages/review/review-routes';
import { ScopeBadgesPage } from './pages/scope-badges-page';
import { SearchPage } from './pages/search-page';
import { SignUpPage } from './pages/sign-up-page';
import { VerifyBadgePage } from './pages/verify-badge-page';
import { VerifyEmailPage } from './pages/verify-email-page';

function Layout() {
  const { t, language, setLanguage } = useI18n();
  const signedIn = useSignedIn();
  const logOut = useLogOut();
  const navigate = useNavigate();
  useProfileLanguage();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label="Main">
          <NavLink to="/">{t('nav.search')}</NavLink>
          <NavLink to="/courses">{t('nav.courses')}</NavLink>
          {signedIn && <NavLink to="/groups/mine">{t('facilitate.nav')}</NavLink>}
          {signedIn && <NavLink to="/cohorts">{t('nav.cohorts')}</NavLink>}
          {signedIn && <NavLink to="/badges">{t('nav.badges')}</NavLink>}
          {signedIn && <NavLink to="/account">{t('nav.account')}</NavLink>}
          <NavLink to="/verify">{t('nav.verify')}</NavLink>
          {signedIn ? (
            <button type="button" className="link" onClick={() => void logOut().then(() => navigate('/'))}>
              {t('nav.logOut')}
            </button>
          ) : (
            <>
              <NavLink to="/login">{t('nav.logIn')}</NavLink>
              <NavLink to="/signup">{t('nav.signUp')}</NavLink>
            </>
          )}
        </nav>
        <label className="language">
          <span className="visually-hidden">{t('nav.language')}</span>
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main id="main">
        <Outlet />
      </main>
    </>
  );
}

/**
 * Once signed in, the app speaks the profile's language (the one its emails use), and follows it when it is saved.
 * Only a change of the profile's locale switches: the header's choice still holds for this visit.
 */
function useProfileLanguage(): void {
  const locale = useMe()?.locale;
  const { setLanguage } = useI18n();
  const latest = useRef(setLanguage);
  latest.current = setLanguage;
  useEffect(() => {
    if (locale) latest.current(locale);
  }, [locale]);
}

function NotFound() {
  const { t } = useI18n();
  return <p>{t('error.notFound')}</p>;
}

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <SearchPage /> },
      { path: '/groups/mine', element: <MyGroupsPage /> },
      // Facilitators' pages load on demand, as the course, cohort and peer-review pages do.
      {
        path: '/groups/new',
        lazy: () => import('./pages/manage-group-page').then((m) => ({ Component: m.NewGroupPage })),
      },
      {
        path: '/groups/:groupId/manage',
        lazy: () => import('./pages/manage-group-page').then((m) => ({ Component: m.ManageGroupPage })),
      },
      { path: '/groups/:groupId', element: <GroupPage /> },
      { path: '/groups/:groupId/badges', element: <ScopeBadgesPage type="group" /> },
      { path: '/cohorts/:cohortId/badges', element: <ScopeBadgesPage type="cohort" /> },
      // Cohort pages load on demand: the search page's bundle stays lean.
      {
        path: '/cohorts',
        lazy: async () => ({ Component: (await import('./pages/cohort-list-page')).CohortListPage }),
      },
      {
        path: '/cohorts/new',
        lazy: async () => ({ Component: (await import('./pages/cohort-new-page')).CohortNewPage }),
      },
      {
        path: '/cohorts/join',
        lazy: async () => ({ Component: (await import('./pages/cohort-join-page')).CohortJoinPage }),
      },
      {
        path: '/cohorts/:cohortId',
        lazy: async () => ({ Component: (await import('./pages/cohort-page')).CohortPage }),
      },
      {
        path: '/cohorts/:cohortId/join',
        lazy: async () => ({ Component: (await import('./pages/cohort-join-page')).CohortJoinPage }),
      },
      {
        path: '/cohorts/:cohortId/facilitate',
        lazy: async () => ({ Component: (await import('./pages/cohort-facilitate-page')).CohortFacilitatePage }),
      },
      {
        path: '/cohorts/:cohortId/threads/:threadId',
        lazy: async () => ({ Component: (await import('./pages/cohort-thread-page')).CohortThreadPage }),
      },
      // Peer review, loaded on demand (the search page's bundle does not carry it); the emails' links included.
      ...reviewRoutes('/cohorts/:cohortId/assignments'),
      { path: '/badges', element: <MyBadgesPage /> },
      { path: '/people/:userId', element: <PersonPage /> },
      { path: '/verify', element: <VerifyBadgePage /> },
      // Course pages load on demand: the group search page's bundle does not carry them.
      {
        path: '/courses',
        lazy: () => import('./pages/course-search-page').then((m) => ({ Component: m.CourseSearchPage })),
      },
      {
        path: '/courses/mine',
        lazy: () => import('./pages/course-mine-page').then((m) => ({ Component: m.CourseMinePage })),
      },
      {
        path: '/courses/:courseId',
        lazy: () => import('./pages/course-page').then((m) => ({ Component: m.CoursePage })),
      },
      {
        path: '/course-versions/:versionId',
        lazy: () => import('./pages/course-page').then((m) => ({ Component: m.CoursePage })),
      },
      {
        path: '/courses/:courseId/edit',
        lazy: () => import('./pages/course-editor-page').then((m) => ({ Component: m.CourseEditorPage })),
      },
      { path: '/signup', element: <SignUpPage /> },
      { path: '/login', element: <LogInPage /> },
      { path: '/verify-email', element: <VerifyEmailPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/account', element: <AccountPage /> },
      { path: '/account/notifications', element: <NotificationSettingsPage /> },
      // The address the emails' unsubscribe pages link to (UnsubscribeLinks.preferencesUrl).
      { path: '/settings/notifications', element: <NotificationSettingsPage /> },
      { path: '/account/deleted', element: <AccountDeletedPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
