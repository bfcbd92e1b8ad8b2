import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client';
import { itemsOf, type Department, type PageOf } from '../../api/types';
import { useUser } from '../../auth/auth-context';
import { describeError, ErrorMessage, Show, useLoad } from '../../components/async';

const LANGUAGE_CHOICES = ['en', 'zh-cmn', 'zh-yue', 'ru', 'ja', 'ar', 'ko', 'fr', 'de', 'es', 'kk', 'uz'];

/** A patient asks for a consultation: department, complaint, languages, country and zone. */
export function RequestPage() {
  const { t } = useTranslation();
  const user = useUser();
  const departments = useLoad(
    async () => itemsOf(await get<Department[] | PageOf<Department>>('/departments')),
    [],
  );
  const [departmentId, setDepartmentId] = useState('');
  const [complaint, setComplaint] = useState('');
  const [languages, setLanguages] = useState<string[]>(user.spokenLanguages);
  const [country, setCountry] = useState('');
  const [urgency, setUrgency] = useState<'routine' | 'soon' | 'urgent'>('routine');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  async function submit(event: FormEvent, list: Department[]) {
    event.preventDefault();
    const department = list.find((d) => d.id === departmentId);
    if (!department) return setError(t('request.chooseDepartment'));
    try {
      await post('/consultation-requests', {
        institutionId: department.institutionId,
        departmentId: department.id,
        complaint,
        spokenLanguages: languages,
        country: country.toUpperCase(),
        timeZone: user.timeZone,
        urgency,
      });
      setSent(true);
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  }

  if (sent)
    return (
      <section className="card" role="status" data-testid="request-sent">
        <h1>{t('request.sentTitle')}</h1>
        <p>{t('request.sentBody')}</p>
      </section>
    );

  return (
    <section>
      <h1>{t('request.title')}</h1>
      <Show loaded={departments}>
        {(list) => (
          <form onSubmit={(e) => void submit(e, list)}>
            <label>
              {t('request.department')}
              <select
                name="department"
                required
                value={departmentId}
                onChange={(e) => setDepartmentId(e.target.value)}
              >
                <option value="">—</option>
                {list.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.institutionName ? `${d.institutionName} — ` : ''}
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('request.complaint')}
              <textarea
                name="complaint"
                required
                minLength={10}
                maxLength={4000}
                rows={5}
                value={complaint}
                onChange={(e) => setComplaint(e.target.value)}
              />
            </label>
            <fieldset>
              <legend>{t('request.languages')}</legend>
              {LANGUAGE_CHOICES.map((code) => (
                <label key={code} className="inline">
                  <input
                    type="checkbox"
                    checked={languages.includes(code)}
                    onChange={(e) =>
                      setLanguages(
                        e.target.checked ? [...languages, code] : languages.filter((l) => l !== code),
                      )
                    }
                  />
                  {t(`spokenLanguages.${code}` as 'spokenLanguages.en')}
                </label>
              ))}
            </fieldset>
            <label>
              {t('request.country')}
              <input
                name="country"
                required
                pattern="[A-Za-z]{2}"
                maxLength={2}
                value={country}
                onChange={(e) => setCountry(e.target.value)}
              />
            </label>
            <label>
              {t('request.urgency')}
              <select value={urgency} onChange={(e) => setUrgency(e.target.value as typeof urgency)}>
                <option value="routine">{t('urgency.routine')}</option>
                <option value="soon">{t('urgency.soon')}</option>
                <option value="urgent">{t('urgency.urgent')}</option>
              </select>
            </label>
            <p className="hint">{t('request.documentsHint')}</p>
            <ErrorMessage error={error} />
            <button type="submit">{t('request.submit')}</button>
          </form>
        )}
      </Show>
    </section>
  );
}
