import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { requests } from '../../api/staff';
import { useUser } from '../../auth/auth-context';
import { describeError, ErrorMessage, Show, useLoad } from '../../components/async';
import { usePolling } from '../../components/use-polling';
import { formatInZone } from '../../time/format';

const STATUSES = ['new', 'triaged', 'scheduled', 'declined', 'withdrawn'] as const;

/** Requests waiting for triage; triaged ones go on to booking. */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('new');
  const loaded = useLoad(() => requests.inbox(status), [status]);
  usePolling(loaded.reload, 20_000);
  const [error, setError] = useState<string | null>(null);

  async function decline(id: string) {
    const reason = window.prompt(t('inbox.declineReason'));
    if (!reason) return;
    try {
      await requests.decline(id, reason);
      loaded.reload();
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <section>
      <h1>{t('inbox.title')}</h1>
      <label>
        {t('inbox.status')}
        <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`requestStatus.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={error} />
      <Show loaded={loaded}>
        {(items) =>
          items.length === 0 ? (
            <p className="muted">{t('inbox.empty')}</p>
          ) : (
            <ul className="request-list">
              {items.map((r) => (
                <li key={r.id} className="card" data-testid="request" data-id={r.id}>
                  <p>
                    <strong>{r.patientName}</strong> · {r.country} · {r.timeZone} ·{' '}
                    <span className={`badge urgency-${r.urgency}`}>{t(`urgency.${r.urgency}`)}</span>
                  </p>
                  <p dir="auto">{r.complaint}</p>
                  <p className="muted">
                    {r.spokenLanguages.join(', ')} · {formatInZone(r.createdAt, user.timeZone, i18n.language)}
                  </p>
                  {(r.status === 'new' || r.status === 'triaged') && (
                    <div className="actions">
                      <Link
                        className="button"
                        data-testid="book-request"
                        to={`/coordinator/book?requestId=${r.id}&patientId=${r.patientId}${r.departmentId ? `&departmentId=${r.departmentId}` : ''}${r.preferredSpecialistId ? `&specialistId=${r.preferredSpecialistId}` : ''}`}
                      >
                        {t('inbox.triageAndBook')}
                      </Link>
                      <button type="button" className="secondary" onClick={() => void decline(r.id)}>
                        {t('inbox.decline')}
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Show>
    </section>
  );
}
