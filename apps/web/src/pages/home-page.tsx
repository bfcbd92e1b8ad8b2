import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateTime } from 'luxon';
import { listConsultations } from '../api/consultations';
import { get } from '../api/client';
import type { MyConsents } from '../api/types';
import { useUser } from '../auth/auth-context';
import { Show, useLoad } from '../components/async';
import { ConsultationList } from '../components/consultation-list';
import { WaitingWatcher } from '../components/waiting-watcher';
import { usePolling } from '../components/use-polling';
import { now } from '../time/clock';
import { SHANGHAI_ZONE } from '../time/format';

function Upcoming({ todayOnly }: { todayOnly: boolean }) {
  const loaded = useLoad(async () => {
    const all = await listConsultations();
    const current = now();
    const today = current.setZone(SHANGHAI_ZONE);
    return all
      .filter((c) => !['cancelled', 'no_show'].includes(c.status))
      .filter((c) => {
        const starts = DateTime.fromISO(c.time.startsAt).setZone(SHANGHAI_ZONE);
        // a waiting patient or a running call matters whatever day it was booked for
        if (c.status === 'waiting' || c.status === 'in_progress') return true;
        return todayOnly
          ? starts.hasSame(today, 'day')
          : DateTime.fromISO(c.time.endsAt) > current.minus({ hours: 2 });
      })
      .sort((a, b) => a.time.startsAt.localeCompare(b.time.startsAt));
  }, [todayOnly]);
  usePolling(loaded.reload, 10_000);
  return (
    <Show loaded={loaded}>
      {(items) => (
        <>
          <WaitingWatcher consultations={items} />
          <ConsultationList consultations={items} />
        </>
      )}
    </Show>
  );
}

function ConsentReminder() {
  const { t } = useTranslation();
  const loaded = useLoad(() => get<MyConsents>('/consents/me'), []);
  if (!loaded.data || loaded.data.missing.length === 0) return null;
  return (
    <p className="notice" role="note">
      {t('home.consentsMissing')} <Link to="/patient/consents">{t('nav.consents')}</Link>
    </p>
  );
}

/** The first screen after sign-in, different for each role. */
export function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <section>
      <h1>{t('home.greeting', { name: user.fullName })}</h1>
      {user.role === 'patient' && (
        <>
          <ConsentReminder />
          <p>
            <Link className="button" to="/patient/request">
              {t('nav.request')}
            </Link>
          </p>
          <h2>{t('home.upcoming')}</h2>
          <Upcoming todayOnly={false} />
        </>
      )}
      {user.role === 'specialist' && (
        <>
          <h2>{t('home.today')}</h2>
          <Upcoming todayOnly />
        </>
      )}
      {user.role === 'interpreter' && (
        <>
          <p>
            <Link to="/interpreter/offers">{t('nav.offers')}</Link>
          </p>
          <h2>{t('home.upcoming')}</h2>
          <Upcoming todayOnly={false} />
        </>
      )}
      {(user.role === 'coordinator' || user.role === 'admin') && (
        <ul className="link-grid">
          <li>
            <Link to="/coordinator/inbox">{t('nav.inbox')}</Link>
          </li>
          <li>
            <Link to="/coordinator/board">{t('nav.board')}</Link>
          </li>
          <li>
            <Link to="/coordinator/book">{t('nav.book')}</Link>
          </li>
          <li>
            <Link to="/coordinator/live">{t('nav.live')}</Link>
          </li>
        </ul>
      )}
    </section>
  );
}
