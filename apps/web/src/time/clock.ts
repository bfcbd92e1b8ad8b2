import { useEffect, useState } from 'react';
import { DateTime } from 'luxon';

/** The one "now" of the web app, in milliseconds since the epoch. */
export function nowMillis(): number {
  return Date.now();
}

/** The one "now" of the web app (every rule and display that depends on the time reads it here). */
export function now(): DateTime {
  return DateTime.fromMillis(nowMillis());
}

/** "Now", re-read every `intervalMs` so what depends on the time (join windows) changes by itself. */
export function useNow(intervalMs = 15_000): DateTime {
  const [current, setCurrent] = useState(now);
  useEffect(() => {
    const timer = window.setInterval(() => setCurrent(now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return current;
}
