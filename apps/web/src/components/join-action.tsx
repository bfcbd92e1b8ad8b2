import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Role } from '@yiqiao/domain/roles';
import type { Consultation } from '../api/types';
import { now, useNow } from '../time/clock';
import {
  JOINABLE_STATUSES,
  timingAt,
  windowFor,
  type JoinRefusal,
  type ViewerWindow,
} from '../time/join-window';
import { TwoClocks } from './two-clocks';

/** How often a join action looks at the clock again, so the button appears when the window opens. */
export const JOIN_RECHECK_MS = 15_000;

/** "Opens at …" in the viewer's clock with Shanghai time beside it, in place of a join button. */
export function OpensAt({ iso, otherZone }: { iso: string; otherZone?: string }) {
  const { t } = useTranslation();
  return (
    <p className="opens-at notice" data-testid="join-opens-at" data-opens-at={iso}>
      {t('joinWindow.opensAt')} <TwoClocks iso={iso} otherZone={otherZone} />
    </p>
  );
}

/** The api would not let this person in: when the room opens (both clocks), or that it has closed. */
export function JoinRefusalNotice({ refusal }: { refusal: JoinRefusal }) {
  const { t } = useTranslation();
  if (refusal.code === 'join_window_not_open' && refusal.opensAt) return <OpensAt iso={refusal.opensAt} />;
  return (
    <p className="notice" data-testid="join-closed" data-code={refusal.code}>
      {refusal.code === 'join_window_closed' ? t('joinWindow.closed') : t('joinWindow.notJoinable')}
    </p>
  );
}

/**
 * Shows `children` (the join button) only inside the viewer's window; before it, when it opens; after
 * it, that the room has closed. Looks at the clock again every JOIN_RECHECK_MS.
 */
export function InsideJoinWindow({
  window,
  otherZone,
  children,
}: {
  window: ViewerWindow;
  otherZone?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  // the timer only re-renders; each render reads the clock afresh (a window that just moved counts at once)
  useNow(JOIN_RECHECK_MS);
  const timing = timingAt(window, now());
  if (timing === 'before') return <OpensAt iso={window.opensAt} otherZone={otherZone} />;
  if (timing === 'closed')
    return (
      <p className="muted" data-testid="join-closed" data-code="join_window_closed">
        {t('joinWindow.closed')}
      </p>
    );
  return <>{children}</>;
}

/** The join action of a consultation for this viewer: "Check devices and join" for patients, "Join" for others. */
export function JoinAction({ consultation: c, role }: { consultation: Consultation; role: Role }) {
  const { t } = useTranslation();
  if (!JOINABLE_STATUSES.includes(c.status) || !c.joinWindow) return null;
  // the patient sees Shanghai beside their own clock; staff see the patient's zone beside theirs
  const otherZone = role === 'patient' ? undefined : c.patient.timeZone;
  return (
    <InsideJoinWindow window={windowFor(c, role)} otherZone={otherZone}>
      {role === 'patient' ? (
        <Link className="button" to={`/consultations/${c.id}/check`} data-testid="check-and-join">
          {t('consultations.checkAndJoin')}
        </Link>
      ) : (
        <Link className="button" to={`/consultations/${c.id}/call`} data-testid="join">
          {t('consultations.join')}
        </Link>
      )}
    </InsideJoinWindow>
  );
}
