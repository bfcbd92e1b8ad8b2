import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { getConsultation, rescheduleConsultation, searchSlots } from '../../api/consultations';
import type { Slot } from '../../api/types';
import { describeError, ErrorMessage, Show, useLoad } from '../../components/async';
import { SlotPicker, slotKey } from '../../components/slot-picker';
import { TwoClocks } from '../../components/two-clocks';
import { SHANGHAI_ZONE } from '../../time/format';
import { now } from '../../time/clock';

/** Move a consultation to another free slot of the same specialist (within the hospital's policy). */
export function ReschedulePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [chosen, setChosen] = useState<Slot | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const loaded = useLoad(async () => {
    const consultation = await getConsultation(id);
    const today = now().setZone(SHANGHAI_ZONE);
    const search = await searchSlots({
      specialistId: consultation.specialist.id,
      patientId: consultation.patient.id,
      from: today.toISODate() ?? '',
      to: today.plus({ days: 14 }).toISODate() ?? '',
    });
    return { consultation, slots: search.slots };
  }, [id]);

  async function confirm() {
    if (!chosen) return;
    try {
      await rescheduleConsultation(id, chosen.startsAt, reason || t('consultations.rescheduledByUser'));
      void navigate('/consultations');
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <section>
      <h1>{t('consultations.reschedule')}</h1>
      <Show loaded={loaded}>
        {({ consultation, slots }) => (
          <>
            <p>
              {t('consultations.currentTime')}:{' '}
              <TwoClocks iso={consultation.time.startsAt} otherZone={consultation.patient.timeZone} />
            </p>
            <SlotPicker slots={slots} selected={chosen ? slotKey(chosen) : null} onSelect={setChosen} />
            <label>
              {t('consultations.reason')}
              <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
            </label>
            <ErrorMessage error={error} />
            <button type="button" disabled={!chosen} onClick={() => void confirm()}>
              {t('consultations.confirmReschedule')}
            </button>
          </>
        )}
      </Show>
    </section>
  );
}
