import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth-context';
import { formatInZone, SHANGHAI_ZONE, sameOffset, zoneLabel } from '../time/format';

/**
 * An instant in the viewer's own zone with a second clock beside it: Shanghai time for people
 * abroad, or the patient's zone for Shanghai staff when it is given.
 */
export function TwoClocks({
  iso,
  otherZone,
  withDate = true,
}: {
  iso: string;
  otherZone?: string;
  withDate?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const own = user?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const second = otherZone && !sameOffset(otherZone, own, iso) ? otherZone : SHANGHAI_ZONE;
  const showSecond = !sameOffset(second, own, iso);
  return (
    <span className="two-clocks">
      <time dateTime={iso} data-zone={own}>
        {formatInZone(iso, own, i18n.language, withDate)}{' '}
        <small className="zone">({zoneLabel(own, iso, i18n.language)})</small>
      </time>
      {showSecond && (
        <span className="second-clock" data-zone={second}>
          {second === SHANGHAI_ZONE ? t('time.shanghai') : t('time.patientZone')}:{' '}
          {formatInZone(iso, second, i18n.language, withDate)}
        </span>
      )}
    </span>
  );
}
