import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, post } from '../../api/client';
import type { MyConsents } from '../../api/types';
import { describeError, ErrorMessage, Show, useLoad } from '../../components/async';
import { currentLocale } from '../../i18n';

const POLICY_VERSION = '2026-01';
const KINDS = ['health_data', 'cross_border_transfer'] as const;

/** The two consents asked separately (health data; cross-border transfer), each with its own text. */
export function ConsentsPage() {
  const { t } = useTranslation();
  const loaded = useLoad(() => get<MyConsents>('/consents/me'), []);
  const [error, setError] = useState<string | null>(null);

  async function act(kind: (typeof KINDS)[number], grant: boolean) {
    try {
      if (grant) await post('/consents', { kind, policyVersion: POLICY_VERSION, locale: currentLocale() });
      else await del(`/consents/${kind}`);
      setError(null);
      loaded.reload();
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <section>
      <h1>{t('consents.title')}</h1>
      <ErrorMessage error={error} />
      <Show loaded={loaded}>
        {(mine) => (
          <>
            {KINDS.map((kind) => {
              const active = mine.active.includes(kind);
              return (
                <article key={kind} className="card" data-kind={kind} data-active={active}>
                  <h2>{t(`consents.${kind}.title`)}</h2>
                  <p>{t(`consents.${kind}.text`)}</p>
                  <p className="muted">{active ? t('consents.given') : t('consents.notGiven')}</p>
                  <button
                    type="button"
                    className={active ? 'secondary' : undefined}
                    onClick={() => void act(kind, !active)}
                  >
                    {active ? t('consents.withdraw') : t('consents.agree')}
                  </button>
                </article>
              );
            })}
          </>
        )}
      </Show>
    </section>
  );
}
