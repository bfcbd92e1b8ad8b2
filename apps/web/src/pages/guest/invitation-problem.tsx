import { useTranslation } from 'react-i18next';

/** Why an invitation link cannot be used: unknown or withdrawn (404), consultation over (410), or no answer. */
export type Problem = { kind: 'invalid' | 'gone' | 'unavailable'; message: string };

export function InvitationProblem({ problem, onRetry }: { problem: Problem; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <section className="card narrow" data-testid="invitation-problem" data-kind={problem.kind}>
      <h1>{t(`guest.problem.${problem.kind}.title`)}</h1>
      <p>{t(`guest.problem.${problem.kind}.body`)}</p>
      {problem.kind === 'unavailable' && (
        <>
          <p className="muted">{problem.message}</p>
          <button type="button" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </>
      )}
    </section>
  );
}
