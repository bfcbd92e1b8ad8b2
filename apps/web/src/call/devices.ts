import { useCallback, useEffect, useState } from 'react';

export interface DevicePrefs {
  audioInput?: string;
  videoInput?: string;
  audioOutput?: string;
}

const PREFS_KEY = 'yiqiao.devices';

export function loadDevicePrefs(): DevicePrefs {
  try {
    return JSON.parse(sessionStorage.getItem(PREFS_KEY) ?? '{}') as DevicePrefs;
  } catch {
    return {};
  }
}

export function saveDevicePrefs(prefs: DevicePrefs): void {
  sessionStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
}

export function constraintsFor(prefs: DevicePrefs): MediaStreamConstraints {
  return {
    audio: prefs.audioInput ? { deviceId: { exact: prefs.audioInput } } : true,
    video: {
      ...(prefs.videoInput ? { deviceId: { exact: prefs.videoInput } } : {}),
      width: { ideal: 1280 },
      height: { ideal: 720 },
    },
  };
}

/** The camera and microphone stream for the chosen devices; re-acquired when the choice changes. */
export function useLocalMedia(prefs: DevicePrefs): { stream: MediaStream | null; error: string | null } {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let acquired: MediaStream | null = null;
    navigator.mediaDevices
      .getUserMedia(constraintsFor(prefs))
      .then((s) => {
        acquired = s;
        if (live) setStream(s);
        else s.getTracks().forEach((t) => t.stop());
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? `${e.name}: ${e.message}` : String(e)));
    return () => {
      live = false;
      acquired?.getTracks().forEach((t) => t.stop());
    };
  }, [prefs]);
  return { stream, error };
}

/** Cameras, microphones and speakers the browser reports (labels appear once permission is granted). */
export function useDeviceList(refreshKey: unknown): MediaDeviceInfo[] {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const refresh = useCallback(() => {
    void navigator.mediaDevices.enumerateDevices().then(setDevices);
  }, []);
  useEffect(() => {
    refresh();
    navigator.mediaDevices.addEventListener('devicechange', refresh);
    return () => navigator.mediaDevices.removeEventListener('devicechange', refresh);
  }, [refresh, refreshKey]);
  return devices;
}
