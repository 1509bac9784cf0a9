import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, Navigate, Outlet, useLocation, useParams } from 'react-router';

import { Loading } from '@/components/PageState';
import { SignInPage } from '@/features/auth/components/SignInPage';
import { WaitingForMeCard } from '@/features/meetings/components/WaitingForMeCard';
import { MyAgendaCard } from '@/features/meetings/components/MyAgendaCard';
import { RecordingCard } from '@/features/meetings/components/RecordingCard';
import { homePath, useSession } from '@/lib/session-context';

import { Layout } from './Layout';

// Pages load on demand so the first screen downloads only what it shows.
const TownsPage = lazy(() => import('@/features/towns/components/TownsPage'));
const TownOverviewPage = lazy(() => import('@/features/towns/components/TownOverviewPage'));
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

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage />, errorElement: <RouteError /> },
  { path: '/set-password/:token', element: <SetPasswordPage />, errorElement: <RouteError /> },
  { path: '/survey/:token', element: <PublicSurveyPage />, errorElement: <RouteError /> },
  {
    element: <RequireSession />,
    errorElement: <RouteError />,
    children: [
      {
        element: <Layout />,
        children: [
          { index: true, element: <Landing /> },
          { path: 'my-week', element: <MyWeekPage /> },
          { path: 'towns', element: <TownsPage /> },
          { path: 'regions/:regionId', element: <TownsPage /> },
          { path: 'regions/:regionId/compare', element: <ComparisonPage /> },
          { path: 'compare', element: <ComparisonPage /> },
          { path: 'towns/:townId', element: <TownHome /> },
          { path: 'towns/:townId/directory', element: <DirectoryPage /> },
          { path: 'towns/:townId/forum', element: <ForumPage /> },
          { path: 'towns/:townId/focuses', element: <FocusesPage /> },
          { path: 'focuses/:focusId', element: <FocusPage /> },
          { path: 'towns/:townId/plan', element: <WorkPlanPage /> },
          { path: 'towns/:townId/control', element: <ControlPage /> },
          { path: 'towns/:townId/control/print', element: <ControlReportPage /> },
          { path: 'towns/:townId/year', element: <YearSummaryPage /> },
          { path: 'towns/:townId/indicators', element: <TownIndicatorsPage /> },
          { path: 'towns/:townId/meetings', element: <MeetingsPage /> },
          { path: 'meetings/:meetingId', element: <MeetingPage /> },
          { path: 'meetings/:meetingId/print', element: <PrintMeetingPage /> },
          { path: 'towns/:townId/decisions', element: <DecisionsRegisterPage /> },
          { path: 'towns/:townId/stakeholders', element: <StakeholderMapPage /> },
          { path: 'towns/:townId/mapping', element: <MappingPage /> },
          { path: 'towns/:townId/mapping/print', element: <MappingPrintPage /> },
          { path: 'towns/:townId/employers', element: <SurveysPage /> },
          { path: 'towns/:townId/barriers', element: <BarriersPage /> },
          { path: 'towns/:townId/participation', element: <ParticipationPage /> },
          { path: 'regions/:regionId/employers', element: <RegionSurveyPage /> },
          { path: 'admin/accounts', element: <AccountsPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);

