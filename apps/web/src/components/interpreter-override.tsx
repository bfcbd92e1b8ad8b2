import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { interpreterAssignment } from '../api/staff';
import { describeError, ErrorMessage, Show, useLoad } from './async';

/** Coordinator assigns a qualified free interpreter directly, replacing the automatic choice. */
export function InterpreterOverride({
  consultationId,
  currentName,
  onChanged,
}: {
  consultationId: string;
  currentName: string | null;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const candidates = useLoad(() => interpreterAssignment.candidates(consultationId), [consultationId]);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [assignedName, setAssignedName] = useState<string | null>(null);

  async function assign() {
    try {
      await interpreterAssignment.assign(consultationId, choice);
      setError(null);
      setAssignedName(candidates.data?.find((c) => c.interpreterId === choice)?.name ?? choice);
      onChanged();
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <section data-testid="interpreter-override">
      <h3>{t('override.title')}</h3>
      <p>
        {t('roles.interpreter')}: {assignedName ?? currentName ?? t('consultations.interpreterPending')}
      </p>
      <Show loaded={candidates}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t('override.none')}</p>
          ) : (
            <label>
              {t('override.choose')}
              <select
                data-testid="interpreter-choice"
                value={choice}
                onChange={(e) => setChoice(e.target.value)}
              >
                <option value="">—</option>
                {list.map((c) => (
                  <option key={c.interpreterId} value={c.interpreterId}>
                    {c.name}
                    {c.withinWorkingHours ? '' : ` (${t('override.outsideHours')})`}
                  </option>
                ))}
              </select>
            </label>
          )
        }
      </Show>
      <ErrorMessage error={error} />
      {assignedName && <p role="status">{t('override.assigned')}</p>}
      <button type="button" data-testid="assign-interpreter" disabled={!choice} onClick={() => void assign()}>
        {t('override.assign')}
      </button>
    </section>
  );
}
