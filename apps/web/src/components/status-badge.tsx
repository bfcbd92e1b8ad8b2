import { useTranslation } from 'react-i18next';
import type { ConsultationStatus, NoShowParty } from '@yiqiao/domain/consultation-status';

/** The status in words; a no-show also says who did not attend. */
export function StatusBadge({
  status,
  noShowParty,
}: {
  status: ConsultationStatus;
  noShowParty?: NoShowParty | null;
}) {
  const { t } = useTranslation();
  const party = status === 'no_show' && noShowParty ? noShowParty : null;
  return (
    <span className={`badge status-${status}`} data-status={status} data-no-show-party={party ?? undefined}>
      {party ? t(`noShow.${party}`) : t(`status.${status}`)}
    </span>
  );
}
