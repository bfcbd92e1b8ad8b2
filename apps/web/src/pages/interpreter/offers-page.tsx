import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { offers } from '../../api/staff';
import { useUser } from '../../auth/auth-context';
import { describeError, ErrorMessage, Show, useLoad } from '../../components/async';
import { TwoClocks } from '../../components/two-clocks';
import { usePolling } from '../../components/use-polling';
import { formatInZone, minutesUntil } from '../../time/format';

/** Assignment offers with their answer deadline; accept or decline. */
export function OffersPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const loaded = useLoad(() => offers.mine(), []);
  usePolling(loaded.reload, 15_000);
  const [error, setError] = useState<string | null>(null);

  async function answer(id: string, accept: boolean) {
    try {
      if (accept) await offers.accept(id);
      else await offers.decline(id, window.prompt(t('offers.declineReason')) ?? '');
      setError(null);
      loaded.reload();
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <section>
      <h1>{t('offers.title')}</h1>
      <ErrorMessage error={error} />
      <Show loaded={loaded}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t('offers.none')}</p>
          ) : (
            <ul className="offer-list">
              {list.map((offer) => {
                const open = offer.state === 'offered';
                return (
                  <li key={offer.id} className="card" data-state={offer.state} data-testid="offer">
                    <TwoClocks iso={offer.startsAt} />
                    <p>
                      {offer.department} · {offer.patientLanguage ?? '?'} ⇄ {offer.specialistLanguage ?? '?'}{' '}
                      · <span className="badge">{offer.state}</span>
                    </p>
                    {open && (
                      <p>
                        {t('offers.deadline')}: {formatInZone(offer.deadline, user.timeZone, i18n.language)} (
                        {t('offers.minutesLeft', { minutes: Math.max(0, minutesUntil(offer.deadline)) })})
                      </p>
                    )}
                    {open && (
                      <div className="actions">
                        <button type="button" onClick={() => void answer(offer.id, true)}>
                          {t('offers.accept')}
                        </button>
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => void answer(offer.id, false)}
                        >
                          {t('offers.decline')}
                        </button>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          )
        }
      </Show>
    </section>
  );
}
