import { useTranslation } from 'react-i18next';

/** Tells someone that staff muted their microphone; they can dismiss it or simply unmute. */
export function MutedNotice({ by, onDismiss }: { by: string; onDismiss(): void }) {
  const { t } = useTranslation();
  return (
    <div className="notice muted-notice" role="status" data-testid="muted-notice">
      <span>{t('call.mutedBy', { name: by })}</span>{' '}
      <button type="button" className="secondary" onClick={onDismiss}>
        {t('call.dismiss')}
      </button>
    </div>
  );
}
