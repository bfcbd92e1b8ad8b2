import { useTranslation } from 'react-i18next';
import { listConsultations } from '../../api/consultations';
import { Show, useLoad } from '../../components/async';
import { ConsultationList } from '../../components/consultation-list';
import { usePolling } from '../../components/use-polling';
import { SHANGHAI_ZONE } from '../../time/format';
import { now } from '../../time/clock';

/** Sessions happening now (patient waiting, call running) and the rest of today; a coordinator can join any. */
export function LivePage() {
  const { t } = useTranslation();
  const loaded = useLoad(async () => {
    const today = now().setZone(SHANGHAI_ZONE).toISODate() ?? undefined;
    const [waiting, running, later] = await Promise.all([
      listConsultations({ status: 'waiting' }),
      listConsultations({ status: 'in_progress' }),
      listConsultations({ from: today, to: today, status: 'scheduled' }),
    ]);
    return { waiting, running, later };
  }, []);
  usePolling(loaded.reload, 5_000);
  return (
    <section>
      <h1>{t('live.title')}</h1>
      <Show loaded={loaded}>
        {({ waiting, running, later }) => (
          <>
            <h2>{t('live.waiting', { n: waiting.length })}</h2>
            <ConsultationList consultations={waiting} />
            <h2>{t('live.running', { n: running.length })}</h2>
            <ConsultationList consultations={running} />
            <h2>{t('live.later', { n: later.length })}</h2>
            <ConsultationList consultations={later} />
          </>
        )}
      </Show>
    </section>
  );
}
