import { useTranslation } from 'react-i18next';
import type { Slot } from '../api/types';
import { formatInZone, SHANGHAI_ZONE } from '../time/format';

/** Free slots, each shown in the patient's clock and in Shanghai time side by side. */
export function SlotPicker({
  slots,
  selected,
  onSelect,
}: {
  slots: Slot[];
  selected: string | null;
  onSelect(slot: Slot): void;
}) {
  const { t, i18n } = useTranslation();
  if (slots.length === 0) return <p className="muted">{t('slots.none')}</p>;
  return (
    <fieldset className="slot-picker">
      <legend>{t('slots.choose')}</legend>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('slots.select')}</th>
            <th scope="col">{t('slots.patientClock')}</th>
            <th scope="col">{t('slots.shanghaiClock')}</th>
            <th scope="col">{t('slots.specialist')}</th>
          </tr>
        </thead>
        <tbody>
          {slots.map((slot) => {
            const key = `${slot.specialistId}|${slot.startsAt}`;
            const patientZone = slot.patient?.zone ?? SHANGHAI_ZONE;
            return (
              <tr key={key} data-testid="slot" data-starts-at={slot.startsAt}>
                <td>
                  <input
                    type="radio"
                    name="slot"
                    id={`slot-${key}`}
                    checked={selected === key}
                    onChange={() => onSelect(slot)}
                  />
                </td>
                <td>
                  <label htmlFor={`slot-${key}`}>
                    {formatInZone(slot.startsAt, patientZone, i18n.language)} <small>({patientZone})</small>
                  </label>
                </td>
                <td>{formatInZone(slot.startsAt, SHANGHAI_ZONE, i18n.language)}</td>
                <td>{slot.specialistName}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}

export const slotKey = (slot: Slot) => `${slot.specialistId}|${slot.startsAt}`;
