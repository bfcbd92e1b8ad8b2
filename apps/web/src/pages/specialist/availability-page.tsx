import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from 'luxon';
import { availability } from '../../api/staff';
import type { WeeklyRule } from '../../api/types';
import { useUser } from '../../auth/auth-context';
import { describeError, ErrorMessage, Show, useLoad } from '../../components/async';
import { formatInZone, SHANGHAI_ZONE } from '../../time/format';
import { WeeklyRulesEditor } from './weekly-rules-editor';

/** Weekly hours in Shanghai time, plus one-off exceptions (time off, extra sessions). */
export function AvailabilityPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const loaded = useLoad(() => availability.get(user.id), [user.id]);
  const [rules, setRules] = useState<WeeklyRule[]>([]);
  const [kind, setKind] = useState<'time_off' | 'extra_session'>('time_off');
  const [date, setDate] = useState('');
  const [from, setFrom] = useState('09:00');
  const [to, setTo] = useState('12:00');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setRules(loaded.data?.rules ?? []), [loaded.data]);

  async function run(action: () => Promise<unknown>) {
    try {
      await action();
      setError(null);
      setSaved(true);
      loaded.reload();
    } catch (e) {
      setSaved(false);
      setError(describeError(e));
    }
  }

  function addException(event: FormEvent) {
    event.preventDefault();
    const at = (time: string) => DateTime.fromISO(`${date}T${time}`, { zone: SHANGHAI_ZONE }).toISO() ?? '';
    void run(() =>
      availability.addException(user.id, {
        kind,
        startsAt: at(from),
        endsAt: at(to),
        ...(reason ? { reason } : {}),
      }),
    );
  }

  return (
    <section>
      <h1>{t('availability.title')}</h1>
      <p className="hint">{t('availability.shanghaiNote')}</p>
      <ErrorMessage error={error} />
      {saved && (
        <p role="status" data-testid="saved">
          {t('common.saved')}
        </p>
      )}
      <Show loaded={loaded}>
        {({ exceptions }) => (
          <>
            <WeeklyRulesEditor rules={rules} onChange={setRules} />
            <button
              type="button"
              data-testid="save-rules"
              onClick={() => void run(() => availability.saveRules(user.id, rules))}
            >
              {t('common.save')}
            </button>

            <h2>{t('availability.exceptions')}</h2>
            <ul>
              {exceptions.map((x) => (
                <li key={x.id}>
                  {t(`availability.kind.${x.kind}`)}: {formatInZone(x.startsAt, SHANGHAI_ZONE, i18n.language)}{' '}
                  – {formatInZone(x.endsAt, SHANGHAI_ZONE, i18n.language, false)}{' '}
                  {x.reason && `· ${x.reason}`}{' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() => void run(() => availability.removeException(user.id, x.id))}
                  >
                    {t('common.remove')}
                  </button>
                </li>
              ))}
            </ul>
            <form onSubmit={addException}>
              <label>
                {t('availability.kindLabel')}
                <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
                  <option value="time_off">{t('availability.kind.time_off')}</option>
                  <option value="extra_session">{t('availability.kind.extra_session')}</option>
                </select>
              </label>
              <label>
                {t('availability.date')}
                <input type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
              </label>
              <label>
                {t('availability.from')}
                <input type="time" required value={from} onChange={(e) => setFrom(e.target.value)} />
              </label>
              <label>
                {t('availability.to')}
                <input type="time" required value={to} onChange={(e) => setTo(e.target.value)} />
              </label>
              <label>
                {t('availability.reason')}
                <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
              </label>
              <button type="submit">{t('availability.addException')}</button>
            </form>
          </>
        )}
      </Show>
    </section>
  );
}
