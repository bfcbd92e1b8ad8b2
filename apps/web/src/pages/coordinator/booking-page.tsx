import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DateTime } from 'luxon';
import { get } from '../../api/client';
import { bookConsultation, searchSlots } from '../../api/consultations';
import { specialists } from '../../api/staff';
import type { BookedConsultation, BookingWarning, Department, Slot } from '../../api/types';
import { describeError, ErrorMessage, Show, useLoad } from '../../components/async';
import { InterpreterOverride } from '../../components/interpreter-override';
import { SlotPicker, slotKey } from '../../components/slot-picker';
import { TwoClocks } from '../../components/two-clocks';
import { SHANGHAI_ZONE } from '../../time/format';
import { now } from '../../time/clock';

/** Coordinator books a consultation (usually from a request): a slot in both clocks, then the interpreter. */
export function BookingPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const today = now().setZone(SHANGHAI_ZONE);
  const [patientId, setPatientId] = useState(params.get('patientId') ?? '');
  const [departmentId, setDepartmentId] = useState(params.get('departmentId') ?? '');
  const [specialistId, setSpecialistId] = useState(params.get('specialistId') ?? '');
  const [from, setFrom] = useState(today.toISODate() ?? '');
  const [to, setTo] = useState(today.plus({ days: 7 }).toISODate() ?? '');
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [chosen, setChosen] = useState<Slot | null>(null);
  const [booked, setBooked] = useState<BookedConsultation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const departments = useLoad(() => get<Department[]>('/departments'), []);
  const doctors = useLoad(
    () => (departmentId ? specialists(departmentId) : Promise.resolve([])),
    [departmentId],
  );

  async function search() {
    setError(null);
    setChosen(null);
    try {
      const scope = specialistId ? { specialistId } : { departmentId };
      setSlots((await searchSlots({ patientId, from, to, ...scope })).slots);
    } catch (e) {
      setError(describeError(e));
    }
  }

  async function book() {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      setBooked(
        await bookConsultation({
          patientId,
          specialistId: chosen.specialistId,
          departmentId: chosen.departmentId ?? (departmentId || undefined),
          startsAt: chosen.startsAt,
          requestId: params.get('requestId') ?? undefined,
        }),
      );
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  if (booked)
    return (
      <section className="card" data-testid="booked" data-id={booked.id}>
        <h1 role="status">{t('booking.booked')}</h1>
        <p>
          <TwoClocks iso={booked.time.startsAt} otherZone={booked.patient.timeZone} /> ·{' '}
          {booked.patient.fullName} · {booked.specialist.fullName}
        </p>
        {booked.warnings?.map((warning) => (
          <BookingWarningNote key={warning.code} warning={warning} />
        ))}
        {booked.interpreterRequired && <p className="notice">{t('booking.interpreterRequired')}</p>}
        <InterpreterOverride
          consultationId={booked.id}
          currentName={booked.interpreter?.fullName ?? null}
          onChanged={() => undefined}
        />
        <p>
          <Link
            to={`/coordinator/board?date=${DateTime.fromISO(booked.time.startsAt).setZone(SHANGHAI_ZONE).toISODate()}`}
          >
            {t('nav.board')}
          </Link>
        </p>
      </section>
    );

  return (
    <section>
      <h1>{t('booking.title')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label>
          {t('booking.patientId')}
          <input required value={patientId} onChange={(e) => setPatientId(e.target.value)} />
        </label>
        <Show loaded={departments}>
          {(list) => (
            <label>
              {t('request.department')}
              <select
                required
                value={departmentId}
                onChange={(e) => {
                  setDepartmentId(e.target.value);
                  setSpecialistId('');
                }}
              >
                <option value="">—</option>
                {list.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.institutionName} — {d.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </Show>
        <label>
          {t('booking.specialist')}
          <select value={specialistId} onChange={(e) => setSpecialistId(e.target.value)}>
            <option value="">{t('booking.anySpecialist')}</option>
            {(doctors.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.fullName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('booking.from')}
          <input type="date" required value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('booking.to')}
          <input type="date" required value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit" data-testid="search-slots">
          {t('booking.search')}
        </button>
      </form>
      {slots && <SlotPicker slots={slots} selected={chosen ? slotKey(chosen) : null} onSelect={setChosen} />}
      <p className="hint">{t('booking.interpreterHint')}</p>
      <ErrorMessage error={error} />
      <button type="button" data-testid="book" disabled={!chosen || busy} onClick={() => void book()}>
        {t('booking.book')}
      </button>
    </section>
  );
}

/** A warning the api gave with the booking, in the coordinator's language (its own message for unknown codes). */
function BookingWarningNote({ warning }: { warning: BookingWarning }) {
  const { t } = useTranslation();
  return (
    <p className="notice warning" role="alert" data-testid="booking-warning" data-code={warning.code}>
      {warning.code === 'inside_interpreter_cutoff'
        ? t('booking.insideInterpreterCutoff', { minutes: warning.cutoffMinutes ?? 0 })
        : warning.message}
    </p>
  );
}
