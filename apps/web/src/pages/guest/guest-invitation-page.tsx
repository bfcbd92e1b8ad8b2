import { useEffect, useState } from 'react';
import { Outlet, useOutletContext, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { getGuestInvitation } from '../../api/guests';
import type { GuestInvitation } from '../../api/types';
import { Loading } from '../../components/async';
import { applyLanguage } from '../../i18n';
import { InvitationProblem, type Problem } from './invitation-problem';

const INVITATION_REFRESH_MS = 30_000;

export interface GuestContext {
  token: string;
  invitation: GuestInvitation;
}

/** The guest's invitation, for the pages under /guest/:token (device check, call). */
export function useGuest(): GuestContext {
  return useOutletContext<GuestContext>();
}

type Load =
  { state: 'loading' } | { state: 'ok'; invitation: GuestInvitation } | { state: 'failed'; problem: Problem };

/**
 * Public entry of an invited family member: no sign-in. Loads the invitation once for the device
 * check and the call, and speaks the guest's language (the header switcher can still change it).
 */
export function GuestInvitationPage() {
  const { token = '' } = useParams();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setLoad({ state: 'loading' });
    getGuestInvitation(token).then(
      (invitation) => {
        if (!live) return;
        setLoad({ state: 'ok', invitation });
        void applyLanguage(invitation.guest.language, false);
      },
      (error: unknown) => live && setLoad({ state: 'failed', problem: problemOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [token, attempt]);

  // a coordinator may open the room early: look at the invitation again now and then (quietly)
  const loaded = load.state === 'ok';
  useEffect(() => {
    if (!loaded) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      getGuestInvitation(token).then(
        (invitation) => setLoad({ state: 'ok', invitation }),
        () => undefined,
      );
    }, INVITATION_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [token, loaded]);

  if (load.state === 'loading') return <Loading />;
  if (load.state === 'failed')
    return <InvitationProblem problem={load.problem} onRetry={() => setAttempt((a) => a + 1)} />;
  return <Outlet context={{ token, invitation: load.invitation } satisfies GuestContext} />;
}

function problemOf(error: unknown): Problem {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError && error.status === 404) return { kind: 'invalid', message };
  if (error instanceof ApiError && error.status === 410) return { kind: 'gone', message };
  return { kind: 'unavailable', message };
}
