import { useTranslation } from 'react-i18next';
import type { ConsultationStatus } from '@yiqiao/domain/consultation-status';

export function StatusBadge({ status }: { status: ConsultationStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge status-${status}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
