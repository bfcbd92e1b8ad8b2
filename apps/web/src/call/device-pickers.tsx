import { useTranslation } from 'react-i18next';
import type { DevicePrefs } from './devices';

const KINDS: {
  kind: MediaDeviceKind;
  pref: keyof DevicePrefs;
  label: 'camera' | 'microphone' | 'speaker';
}[] = [
  { kind: 'videoinput', pref: 'videoInput', label: 'camera' },
  { kind: 'audioinput', pref: 'audioInput', label: 'microphone' },
  { kind: 'audiooutput', pref: 'audioOutput', label: 'speaker' },
];

/** One select per device kind; changing one switches that device. */
export function DevicePickers({
  devices,
  prefs,
  onChange,
}: {
  devices: MediaDeviceInfo[];
  prefs: DevicePrefs;
  onChange(prefs: DevicePrefs): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="device-pickers">
      {KINDS.map(({ kind, pref, label }) => {
        const options = devices.filter((d) => d.kind === kind && d.deviceId);
        if (options.length === 0) return null;
        return (
          <label key={kind}>
            {t(`devices.${label}`)}
            <select
              value={prefs[pref] ?? ''}
              onChange={(e) => onChange({ ...prefs, [pref]: e.target.value || undefined })}
            >
              <option value="">{t('devices.default')}</option>
              {options.map((device, index) => (
                <option key={device.deviceId} value={device.deviceId}>
                  {device.label || `${t(`devices.${label}`)} ${index + 1}`}
                </option>
              ))}
            </select>
          </label>
        );
      })}
    </div>
  );
}
