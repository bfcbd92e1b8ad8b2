import { useEffect } from 'react';

/** Calls `refresh` every `intervalMs` while the page is visible. */
export function usePolling(refresh: () => void, intervalMs: number): void {
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [refresh, intervalMs]);
}
