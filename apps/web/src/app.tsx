import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import type { ReactNode } from 'react';
import { AuthProvider, useAuth } from './auth/auth-context';
import { Loading } from './components/async';
import { Layout } from './components/layout';
import { CallPage } from './call/call-page';
import { PrecheckPage } from './call/precheck-page';
import { BoardPage } from './pages/coordinator/board-page';
import { BookingPage } from './pages/coordinator/booking-page';
import { InboxPage } from './pages/coordinator/inbox-page';
import { LivePage } from './pages/coordinator/live-page';
import { ConsultationPage } from './pages/consultation-page';
import { ConsultationsPage } from './pages/consultations-page';
import { GuestCallPage } from './pages/guest/guest-call-page';
import { GuestCheckPage } from './pages/guest/guest-check-page';
import { GuestInvitationPage } from './pages/guest/guest-invitation-page';
import { GuestsPage } from './pages/guests/guests-page';
import { HomePage } from './pages/home-page';
import { OffersPage } from './pages/interpreter/offers-page';
import { NotesPage } from './pages/specialist/notes-page';
import { NotificationsPage } from './pages/notifications-page';
import { BookPage } from './pages/patient/book-page';
import { ConsentsPage } from './pages/patient/consents-page';
import { RequestPage } from './pages/patient/request-page';
import { ReschedulePage } from './pages/patient/reschedule-page';
import { SignInPage } from './pages/sign-in-page';
import { AvailabilityPage } from './pages/specialist/availability-page';

function RequireUser({ children }: { children: ReactNode }) {
  const { user, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return <>{children}</>;
}

export function App() {
  return (
    <AuthProvider>
      <BrowserRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route path="/sign-in" element={<SignInPage />} />
            {/* an invited family member's link: public, never sends anyone to sign in */}
            <Route path="/guest/:token" element={<GuestInvitationPage />}>
              <Route index element={<GuestCheckPage />} />
              <Route path="call" element={<GuestCallPage />} />
            </Route>
            <Route
              path="*"
              element={
                <RequireUser>
                  <Routes>
                    <Route index element={<HomePage />} />
                    <Route path="patient/request" element={<RequestPage />} />
                    <Route path="patient/consents" element={<ConsentsPage />} />
                    <Route path="patient/book" element={<BookPage />} />
                    <Route path="consultations" element={<ConsultationsPage />} />
                    <Route path="consultations/:id" element={<ConsultationPage />} />
                    <Route path="consultations/:id/reschedule" element={<ReschedulePage />} />
                    <Route path="consultations/:id/check" element={<PrecheckPage />} />
                    <Route path="consultations/:id/call" element={<CallPage />} />
                    <Route path="consultations/:id/notes" element={<NotesPage />} />
                    <Route path="consultations/:id/guests" element={<GuestsPage />} />
                    <Route path="notifications" element={<NotificationsPage />} />
                    <Route path="specialist/availability" element={<AvailabilityPage />} />
                    <Route path="interpreter/offers" element={<OffersPage />} />
                    <Route path="coordinator/inbox" element={<InboxPage />} />
                    <Route path="coordinator/board" element={<BoardPage />} />
                    <Route path="coordinator/book" element={<BookingPage />} />
                    <Route path="coordinator/live" element={<LivePage />} />
                    <Route path="*" element={<Navigate to="/" replace />} />
                  </Routes>
                </RequireUser>
              }
            />
          </Route>
        </Routes>
      </BrowserRouter>
    </AuthProvider>
  );
}
