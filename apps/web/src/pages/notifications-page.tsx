import { useTranslation } from 'react-i18next';
import { inbox } from '../api/staff';
import { useUser } from '../auth/auth-context';
import { Show, useLoad } from '../components/async';
import { usePolling } from '../components/use-polling';
import { formatInZone } from '../time/format';

/** The in-app inbox: confirmations, reminders and changes, rendered by the api in the reader's language. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const loaded = useLoad(() => inbox.mine(), []);
  usePolling(loaded.reload, 15_000);

  async function markRead(id: string) {
    await inbox.markRead(id).catch(() => undefined);
    loaded.reload();
  }

  return (
    <section>
      <h1>{t('notifications.title')}</h1>
      <Show loaded={loaded}>
        {(items) =>
          items.length === 0 ? (
            <p className="muted">{t('notifications.none')}</p>
          ) : (
            <ul className="notification-list">
              {items.map((n) => (
                <li key={n.id} className={`card${n.readAt ? '' : ' unread'}`} dir={n.dir} data-kind={n.kind}>
                  <strong>{n.title}</strong>
                  <span className="muted"> · {formatInZone(n.sentAt, user.timeZone, i18n.language)}</span>
                  {n.body.map((line, index) => (
                    <p key={index}>{line}</p>
                  ))}
                  {!n.readAt && (
                    <button type="button" className="link" onClick={() => void markRead(n.id)}>
                      {t('notifications.markRead')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Show>
    </section>
  );
}
