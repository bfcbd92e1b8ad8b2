import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from 'luxon';
import type { Role } from '@yiqiao/domain/roles';
import { ApiError } from '../api/client';
import { startConsultationNow } from '../api/consultations';
import type { Consultation } from '../api/types';
import { now } from '../time/clock';
import { describeError } from './async';

const REASON_MIN = 3;
const REASON_MAX = 500;

/** A coordinator may open the room once, before the patients' window opens ("start now", with a reason). */
export function canStartNow(c: Consultation, role: Role, at: DateTime = now()): boolean {
  return (
    role === 'coordinator' &&
    (c.status === 'scheduled' || c.status === 'waiting') &&
    !c.openedEarly &&
    at < DateTime.fromISO(c.joinWindow.participantsOpenAt)
  );
}

/** The api's refusal in the reader's words (never its code). */
function refusalText(error: unknown, t: (key: 'startNow.alreadyOpen' | 'startNow.wrongStatus') => string) {
  if (error instanceof ApiError && error.code === 'already_open') return t('startNow.alreadyOpen');
  if (error instanceof ApiError && error.code === 'wrong_status') return t('startNow.wrongStatus');
  return describeError(error);
}

/** "Start now": asks why, opens the room for everyone at once, and hands back the updated consultation. */
export function StartNowForm({
  consultation,
  onStarted,
}: {
  consultation: Consultation;
  onStarted(updated: Consultation): void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const trimmed = reason.trim();

  async function start() {
    setBusy(true);
    setError(null);
    try {
      onStarted(await startConsultationNow(consultation.id, trimmed));
    } catch (e) {
      setError(refusalText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      id="start-now"
      className="card start-now"
      data-testid="start-now-form"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <h2>{t('startNow.title')}</h2>
      <p className="hint">{t('startNow.explain')}</p>
      <label>
        {t('startNow.reason')}
        <textarea
          name="reason"
          required
          minLength={REASON_MIN}
          maxLength={REASON_MAX}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button
        type="submit"
        data-testid="start-now"
        disabled={busy || trimmed.length < REASON_MIN || trimmed.length > REASON_MAX}
      >
        {busy ? t('common.working') : t('startNow.confirm')}
      </button>
    </form>
  );
}
