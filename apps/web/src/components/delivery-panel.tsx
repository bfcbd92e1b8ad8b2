import { useTranslation } from 'react-i18next';
import { deliveryStatus } from '../api/staff';
import { useUser } from '../auth/auth-context';
import { formatInZone } from '../time/format';
import { Show, useLoad } from './async';

/** Were the reminders of this consultation delivered? One row per message, with each channel's state. */
export function DeliveryPanel({ consultationId }: { consultationId: string }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const loaded = useLoad(() => deliveryStatus(consultationId), [consultationId]);
  return (
    <section>
      <h3>{t('delivery.title')}</h3>
      <Show loaded={loaded}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t('delivery.none')}</p>
          ) : (
            <table data-testid="delivery-status">
              <thead>
                <tr>
                  <th scope="col">{t('delivery.kind')}</th>
                  <th scope="col">{t('delivery.recipient')}</th>
                  <th scope="col">{t('delivery.due')}</th>
                  <th scope="col">{t('delivery.status')}</th>
                  <th scope="col">{t('delivery.channel')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} data-state={row.state}>
                    <td>{row.kind}</td>
                    <td>
                      {row.recipient.name} · {t(`roles.${row.recipient.role}` as 'roles.patient')}
                    </td>
                    <td>{formatInZone(row.dueAt, user.timeZone, i18n.language)}</td>
                    <td>
                      {row.state}
                      {row.failureReason && ` (${row.failureReason})`}
                    </td>
                    <td>
                      {row.channels.map((c) => (
                        <span key={c.channel} className="badge" title={c.lastError ?? undefined}>
                          {c.channel}: {c.state}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Show>
    </section>
  );
}
