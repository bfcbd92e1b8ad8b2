import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Consultation } from '../api/types';
import { playWaitingChime } from '../call/alert-sound';

/**
 * Staff who are not in the call yet still notice a waiting patient: a banner with a link to the call,
 * and a chime the first time each consultation is seen waiting.
 */
export function WaitingWatcher({ consultations }: { consultations: Consultation[] }) {
  const { t } = useTranslation();
  const chimed = useRef(new Set<string>());
  const waiting = consultations.filter((c) => c.status === 'waiting');
  useEffect(() => {
    const fresh = waiting.filter((c) => !chimed.current.has(c.id));
    if (fresh.length === 0) return;
    fresh.forEach((c) => chimed.current.add(c.id));
    playWaitingChime();
  }, [waiting]);
  if (waiting.length === 0) return null;
  return (
    <div className="waiting-alert" role="alert" data-testid="home-waiting-alert">
      {waiting.map((c) => (
        <p key={c.id}>
          {t('call.isWaiting', { name: c.patient.fullName })}{' '}
          <Link className="button" to={`/consultations/${c.id}/call`}>
            {t('consultations.join')}
          </Link>
        </p>
      ))}
    </div>
  );
}
