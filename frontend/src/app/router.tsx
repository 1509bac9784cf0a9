import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, Route, Routes, useLocation, useParams } from 'react-router';

import { Loading } from '@/components/PageState';
import { homePath, useSession } from '@/lib/session-context';

import { Layout } from './Layout';

// Pages load on demand so the first screen downloads only what it shows.
const SignInPage = lazy(() => import('@/features/auth/components/SignInPage').then((m) => ({ default: m.SignInPage })));
const TownsPage = lazy(() => import('@/features/towns/components/TownsPage'));
// The town page and one's own cards on it: fetched together (see `TownHome`), not one after
// another as each suspends in turn.
const townHomeParts = {
  overview: () => import('@/features/towns/components/TownOverviewPage'),
  waiting: () => import('@/features/meetings/components/WaitingForMeCard'),
  agenda: () => import('@/features/meetings/components/MyAgendaCard'),
  recording: () => import('@/features/meetings/components/RecordingCard'),
};
const TownOverviewPage = lazy(townHomeParts.overview);
const WaitingForMeCard = lazy(() => townHomeParts.waiting().then((m) => ({ default: m.WaitingForMeCard })));
const MyAgendaCard = lazy(() => townHomeParts.agenda().then((m) => ({ default: m.MyAgendaCard })));
const RecordingCard = lazy(() => townHomeParts.recording().then((m) => ({ default: m.RecordingCard })));
const DirectoryPage = lazy(() => import('@/features/directory/components/DirectoryPage'));
const ForumPage = lazy(() => import('@/features/forums/components/ForumPage'));
const MeetingsPage = lazy(() => import('@/features/meetings/components/MeetingsPage'));
const MeetingPage = lazy(() => import('@/features/meetings/components/MeetingPage'));
const PrintMeetingPage = lazy(() => import('@/features/meetings/components/PrintMeetingPage'));
const DecisionsRegisterPage = lazy(() => import('@/features/meetings/components/DecisionsRegisterPage'));
const ControlReportPage = lazy(() => import('@/features/plans/components/ControlReportPage'));
const YearSummaryPage = lazy(() => import('@/features/plans/components/YearSummaryPage'));
const ComparisonPage = lazy(() => import('@/features/regions/components/ComparisonPage'));
const TownIndicatorsPage = lazy(() => import('@/features/regions/components/TownIndicatorsPage'));
const FocusesPage = lazy(() => import('@/features/plans/components/FocusesPage'));
const FocusPage = lazy(() => import('@/features/plans/components/FocusPage'));
const WorkPlanPage = lazy(() => import('@/features/plans/components/WorkPlanPage'));
const ControlPage = lazy(() => import('@/features/plans/components/ControlPage'));
const StakeholderMapPage = lazy(() => import('@/features/stakeholders/components/StakeholderMapPage'));
const MappingPage = lazy(() => import('@/features/stakeholders/components/MappingPage'));
const MappingPrintPage = lazy(() => import('@/features/stakeholders/components/MappingPrintPage'));
const SurveysPage = lazy(() => import('@/features/surveys/components/SurveysPage'));
const RegionSurveyPage = lazy(() => import('@/features/surveys/components/RegionSurveyPage'));
const PublicSurveyPage = lazy(() => import('@/features/surveys/components/PublicSurveyPage'));
const BarriersPage = lazy(() => import('@/features/barriers/components/BarriersPage'));
const ParticipationPage = lazy(() => import('@/features/participation/components/ParticipationPage'));
const MyWeekPage = lazy(() => import('@/features/meetings/components/MyWeekPage'));
const AccountsPage = lazy(() => import('@/features/account/components/AccountsPage'));
const SetPasswordPage = lazy(() => import('@/features/account/components/SetPasswordPage'));

/** Signed-in pages only; anyone else goes to sign-in, which brings them back here after. */
function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <Loading />;
  if (session.status === 'signedOut') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** A town's page; on one's own town it opens with one's own week (the user's home page). */
function TownHome() {
  const { townId } = useParams();
  const session = useSession();
  // Every part starts loading now; each `lazy` then finds its module on the way.
  Object.values(townHomeParts).forEach((load) => void load());
  const me = session.status === 'signedIn' ? session.me : null;
  const own = !!me && me.towns.some((grant) => grant.town.id === townId);
  return (
    <Stack gap="lg">
      {own && <WaitingForMeCard />}
      {own && <MyAgendaCard />}
      {own && townId && <RecordingCard townId={townId} />}
      <TownOverviewPage />
    </Stack>
  );
}

function Landing() {
  const session = useSession();
  return session.status === 'signedIn' ? <Navigate to={homePath(session.me)} replace /> : <Loading />;
}

/** Whatever a page throws, the user gets a message in their language and a way on. */
function RouteError() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" p="xl" role="alert">
      <Title order={1}>{t('states.error')}</Title>
      <Text>{t('states.errorHint')}</Text>
      <Group>
        <Button onClick={() => window.location.reload()}>{t('states.retry')}</Button>
        <Button component="a" href="/" variant="light">
          {t('app.backHome')}
        </Button>
      </Group>
    </Stack>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start">
      <Title order={1}>{t('app.notFound')}</Title>
      <Text>
        <Button component={Link} to="/" variant="light">
          {t('app.backHome')}
        </Button>
      </Text>
    </Stack>
  );
}

/**
 * Whatever a page throws shows `RouteError` in its place; moving to another address tries again.
 * Pages outside the signed-in layout load on demand too (sign-in is not in a signed-in user's
 * first download).
 * (Declarative routes: the data router's loaders and actions are not used, and it weighed 16 KB
 * gzip in the first download.)
 */
function Boundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <ErrorBoundary fallback={<RouteError />} resetKeys={[pathname]}>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </ErrorBoundary>
  );
}

/** The pages inside the signed-in layout, by address. */
const signedInPages: [path: string, page: ReactNode][] = [
  ['my-week', <MyWeekPage />],
  ['towns', <TownsPage />],
  ['regions/:regionId', <TownsPage />],
  ['regions/:regionId/compare', <ComparisonPage />],
  ['compare', <ComparisonPage />],
  ['towns/:townId', <TownHome />],
  ['towns/:townId/directory', <DirectoryPage />],
  ['towns/:townId/forum', <ForumPage />],
  ['towns/:townId/focuses', <FocusesPage />],
  ['focuses/:focusId', <FocusPage />],
  ['towns/:townId/plan', <WorkPlanPage />],
  ['towns/:townId/control', <ControlPage />],
  ['towns/:townId/control/print', <ControlReportPage />],
  ['towns/:townId/year', <YearSummaryPage />],
  ['towns/:townId/indicators', <TownIndicatorsPage />],
  ['towns/:townId/meetings', <MeetingsPage />],
  ['meetings/:meetingId', <MeetingPage />],
  ['meetings/:meetingId/print', <PrintMeetingPage />],
  ['towns/:townId/decisions', <DecisionsRegisterPage />],
  ['towns/:townId/stakeholders', <StakeholderMapPage />],
  ['towns/:townId/mapping', <MappingPage />],
  ['towns/:townId/mapping/print', <MappingPrintPage />],
  ['towns/:townId/employers', <SurveysPage />],
  ['towns/:townId/barriers', <BarriersPage />],
  ['towns/:townId/participation', <ParticipationPage />],
  ['regions/:regionId/employers', <RegionSurveyPage />],
  ['admin/accounts', <AccountsPage />],
  ['*', <NotFound />],
];

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<Boundary><SignInPage /></Boundary>} />
      <Route path="/set-password/:token" element={<Boundary><SetPasswordPage /></Boundary>} />
      <Route path="/survey/:token" element={<Boundary><PublicSurveyPage /></Boundary>} />
      <Route element={<Boundary><RequireSession /></Boundary>}>
        <Route element={<Layout />}>
          <Route index element={<Landing />} />
          {signedInPages.map(([path, page]) => (
            <Route key={path} path={path} element={page} />
          ))}
        </Route>
      </Route>
    </Routes>
  );
}
