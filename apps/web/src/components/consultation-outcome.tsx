import { useTranslation } from 'react-i18next';
import type { Consultation } from '../api/types';
import { TwoClocks } from './two-clocks';

/** How a consultation ended (the specialist's end, or its time running out), for the record. */
export function EndCauseNote({ consultation: c }: { consultation: Consultation }) {
  const { t } = useTranslation();
  if (!c.endCause || c.status === 'no_show') return null;
  return (
    <p className="muted" data-testid="end-cause" data-end-cause={c.endCause}>
      {t(`endCause.${c.endCause}`)}
    </p>
  );
}

/** A coordinator opened the room early: who, when (both clocks) and why. */
export function OpenedEarlyNote({ consultation: c }: { consultation: Consultation }) {
  const { t } = useTranslation();
  if (!c.openedEarly) return null;
  return (
    <p className="notice" data-testid="opened-early">
      {t('startNow.openedEarlyBy', { name: c.openedEarly.byName })}{' '}
      <TwoClocks iso={c.openedEarly.at} otherZone={c.patient.timeZone} />
      {' — '}
      <q data-testid="opened-early-reason">{c.openedEarly.reason}</q>
    </p>
  );
}
