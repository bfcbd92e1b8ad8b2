import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { get } from '../../api/client';
import { bookConsultation, searchSlots } from '../../api/consultations';
import type { Department, Slot } from '../../api/types';
import { describeError, ErrorMessage, Show, useLoad } from '../../components/async';
import { SlotPicker, slotKey } from '../../components/slot-picker';
import { SHANGHAI_ZONE } from '../../time/format';
import { now } from '../../time/clock';

interface Institution {
  id: string;
  allowsPatientSelfBooking: boolean;
}

/** Where a hospital lets patients book themselves: department → free times in both clocks → book. */
export function BookPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const departments = useLoad(async () => {
    const [institutions, all] = await Promise.all([
      get<Institution[]>('/institutions'),
      get<Department[]>('/departments'),
    ]);
    const selfBooking = new Set(institutions.filter((i) => i.allowsPatientSelfBooking).map((i) => i.id));
    return all.filter((d) => selfBooking.has(d.institutionId));
  }, []);
  const [departmentId, setDepartmentId] = useState('');
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [missingYears, setMissingYears] = useState<number[]>([]);
  const [chosen, setChosen] = useState<Slot | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function search(id: string) {
    setDepartmentId(id);
    setSlots(null);
    setChosen(null);
    if (!id) return;
    const today = now().setZone(SHANGHAI_ZONE);
    try {
      const result = await searchSlots({
        departmentId: id,
        from: today.toISODate() ?? '',
        to: today.plus({ days: 14 }).toISODate() ?? '',
      });
      setSlots(result.slots);
      setMissingYears(result.calendarMissingYears);
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  }

  async function book() {
    if (!chosen) return;
    try {
      await bookConsultation({
        specialistId: chosen.specialistId,
        departmentId: chosen.departmentId ?? departmentId,
        startsAt: chosen.startsAt,
      });
      void navigate('/consultations');
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <section>
      <h1>{t('selfBooking.title')}</h1>
      <p className="hint">{t('selfBooking.intro')}</p>
      <Show loaded={departments}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t('selfBooking.none')}</p>
          ) : (
            <label>
              {t('request.department')}
              <select name="department" value={departmentId} onChange={(e) => void search(e.target.value)}>
                <option value="">—</option>
                {list.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.institutionName} — {d.name}
                  </option>
                ))}
              </select>
            </label>
          )
        }
      </Show>
      {slots && missingYears.length > 0 && (
        <p className="hint" data-testid="calendar-missing">
          {t('slots.calendarMissing', { years: missingYears.join(', ') })}
        </p>
      )}
      {slots && <SlotPicker slots={slots} selected={chosen ? slotKey(chosen) : null} onSelect={setChosen} />}
      <ErrorMessage error={error} />
      <button type="button" data-testid="book" disabled={!chosen} onClick={() => void book()}>
        {t('booking.book')}
      </button>
    </section>
  );
}
