import { useTranslation } from 'react-i18next';
import type { WeeklyRule } from '../../api/types';
import { SHANGHAI_ZONE } from '../../time/format';
import { now } from '../../time/clock';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Rows of weekday + Shanghai wall-clock start/end; edits stay local until saved. */
export function WeeklyRulesEditor({
  rules,
  onChange,
}: {
  rules: WeeklyRule[];
  onChange(rules: WeeklyRule[]): void;
}) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<WeeklyRule>) =>
    onChange(rules.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const today = now().setZone(SHANGHAI_ZONE).toISODate() ?? '';
  return (
    <>
      <table className="rules">
        <caption>{t('availability.weekly')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('availability.weekday')}</th>
            <th scope="col">{t('availability.from')}</th>
            <th scope="col">{t('availability.to')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule, index) => (
            <tr key={index}>
              <td>
                <select
                  aria-label={t('availability.weekday')}
                  value={rule.weekday}
                  onChange={(e) => update(index, { weekday: Number(e.target.value) })}
                >
                  {WEEKDAYS.map((d) => (
                    <option key={d} value={d}>
                      {t(`weekdays.d${d}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  type="time"
                  aria-label={t('availability.from')}
                  value={rule.startLocal}
                  onChange={(e) => update(index, { startLocal: e.target.value })}
                />
              </td>
              <td>
                <input
                  type="time"
                  aria-label={t('availability.to')}
                  value={rule.endLocal}
                  onChange={(e) => update(index, { endLocal: e.target.value })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => onChange(rules.filter((_, i) => i !== index))}
                >
                  {t('common.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="secondary"
        onClick={() =>
          onChange([...rules, { weekday: 1, startLocal: '09:00', endLocal: '12:00', effectiveFrom: today }])
        }
      >
        {t('availability.addHours')}
      </button>{' '}
    </>
  );
}
