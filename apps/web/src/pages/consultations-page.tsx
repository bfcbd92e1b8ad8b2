import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelConsultation, listConsultations } from '../api/consultations';
import type { Consultation } from '../api/types';
import { describeError, ErrorMessage, Show, useLoad } from '../components/async';
import { ConsultationList } from '../components/consultation-list';
import { usePolling } from '../components/use-polling';

/** "My consultations" for patients, "today and upcoming" for specialists, the schedule for interpreters. */
export function ConsultationsPage() {
  const { t } = useTranslation();
  const loaded = useLoad(() => listConsultations(), []);
  usePolling(loaded.reload, 10_000);
  const [error, setError] = useState<string | null>(null);

  async function cancel(consultation: Consultation) {
    const reason = window.prompt(t('consultations.cancelReason'));
    if (reason === null) return;
    try {
      await cancelConsultation(consultation.id, reason || t('consultations.cancelledByUser'));
      loaded.reload();
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <section>
      <h1>{t('consultations.title')}</h1>
      <ErrorMessage error={error} />
      <Show loaded={loaded}>
        {(items) => (
          <ConsultationList
            consultations={[...items].sort((a, b) => a.time.startsAt.localeCompare(b.time.startsAt))}
            onCancel={(c) => void cancel(c)}
          />
        )}
      </Show>
    </section>
  );
}
