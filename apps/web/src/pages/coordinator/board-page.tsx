import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DateTime } from 'luxon';
import { board } from '../../api/staff';
import type { BoardConsultation } from '../../api/types';
import { Show, useLoad } from '../../components/async';
import { DeliveryPanel } from '../../components/delivery-panel';
import { InterpreterOverride } from '../../components/interpreter-override';
import { StatusBadge } from '../../components/status-badge';
import { usePolling } from '../../components/use-polling';
import { formatInZone, SHANGHAI_ZONE } from '../../time/format';
import { now } from '../../time/clock';

/** A week across the institution's specialists (Shanghai time), with interpreter override and reminders. */
export function BoardPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  // ?date=YYYY-MM-DD opens the week of that Shanghai day (links from bookings and notifications)
  const [weekStart, setWeekStart] = useState(() => {
    const requested = params.get('date');
    const day = requested
      ? DateTime.fromISO(requested, { zone: SHANGHAI_ZONE })
      : now().setZone(SHANGHAI_ZONE);
    return (day.isValid ? day : now().setZone(SHANGHAI_ZONE)).startOf('week');
  });
  const date = weekStart.toISODate() ?? '';
  const loaded = useLoad(() => board(date), [date]);
  usePolling(loaded.reload, 20_000);
  const [selected, setSelected] = useState<BoardConsultation | null>(null);
  const days = Array.from({ length: 7 }, (_, i) => weekStart.plus({ days: i }));

  return (
    <section>
      <h1>{t('board.title')}</h1>
      <div className="row">
        <button
          type="button"
          className="secondary"
          onClick={() => setWeekStart(weekStart.minus({ weeks: 1 }))}
        >
          {t('board.previous')}
        </button>
        <strong>
          {weekStart.setLocale(i18n.language).toLocaleString(DateTime.DATE_MED)} ({t('time.shanghai')})
        </strong>
        <button
          type="button"
          className="secondary"
          onClick={() => setWeekStart(weekStart.plus({ weeks: 1 }))}
        >
          {t('board.next')}
        </button>
      </div>
      <Show loaded={loaded}>
        {(data) => (
          <div className="board-scroll">
            <table className="board-table">
              <thead>
                <tr>
                  <th scope="col">{t('roles.specialist')}</th>
                  {days.map((day) => (
                    <th scope="col" key={day.toISODate()}>
                      {day.setLocale(i18n.language).toLocaleString({ weekday: 'short', day: 'numeric' })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.specialists.map((specialist) => (
                  <tr key={specialist.id}>
                    <th scope="row">{specialist.fullName}</th>
                    {days.map((day) => (
                      <td key={day.toISODate()}>
                        {specialist.consultations
                          .filter((c) =>
                            DateTime.fromISO(c.shanghai.start, { setZone: true }).hasSame(day, 'day'),
                          )
                          .map((c) => (
                            <button
                              key={c.id}
                              type="button"
                              className="board-item"
                              aria-pressed={selected?.id === c.id}
                              onClick={() => setSelected(c)}
                            >
                              {formatInZone(c.shanghai.start, SHANGHAI_ZONE, i18n.language, false)}{' '}
                              {c.patientName} <StatusBadge status={c.status} noShowParty={c.noShowParty} />
                              {c.interpreterRequired && (
                                <small> · {c.interpreterName ?? t('consultations.interpreterPending')}</small>
                              )}
                            </button>
                          ))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Show>
      {selected && (
        <aside className="card" aria-label={t('board.detailsTitle')}>
          <h2>
            {t('board.detailsTitle')}: {selected.patientName}
          </h2>
          <p>
            {formatInZone(selected.shanghai.start, SHANGHAI_ZONE, i18n.language)} ({t('time.shanghai')}) ·{' '}
            {formatInZone(selected.patient.start, selected.patient.zone, i18n.language)} (
            {selected.patient.zone})
          </p>
          <p>
            <Link to={`/consultations/${selected.id}`} data-testid="board-record-link">
              {t('board.openRecord')}
            </Link>
          </p>
          <InterpreterOverride
            consultationId={selected.id}
            currentName={selected.interpreterName}
            onChanged={loaded.reload}
          />
          <DeliveryPanel consultationId={selected.id} />
        </aside>
      )}
    </section>
  );
}
