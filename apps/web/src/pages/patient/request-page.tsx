import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client';
import {
  DOCUMENT_ACCEPT,
  MAX_DOCUMENT_BYTES,
  uploadDocument,
  type RequestDocument,
} from '../../api/documents';
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
  const [sentId, setSentId] = useState<string | null>(null);
  const [documents, setDocuments] = useState<RequestDocument[]>([]);
  const [uploading, setUploading] = useState(false);

  async function submit(event: FormEvent, list: Department[]) {
    event.preventDefault();
    const department = list.find((d) => d.id === departmentId);
    if (!department) return setError(t('request.chooseDepartment'));
    try {
      const created = await post<{ id: string }>('/consultation-requests', {
        institutionId: department.institutionId,
        departmentId: department.id,
        complaint,
        spokenLanguages: languages,
        country: country.toUpperCase(),
        timeZone: user.timeZone,
        urgency,
      });
      setSentId(created.id);
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  }

  async function attach(requestId: string, files: File[]) {
    setUploading(true);
    const problems: string[] = [];
    for (const file of files) {
      if (file.size > MAX_DOCUMENT_BYTES) {
        problems.push(t('request.documentTooLarge', { name: file.name }));
        continue;
      }
      try {
        const stored = await uploadDocument(requestId, file);
        setDocuments((list) => [...list, stored]);
      } catch (e) {
        problems.push(`${file.name}: ${describeError(e)}`);
      }
    }
    setError(problems.length ? problems.join(' ') : null);
    setUploading(false);
  }

  if (sentId)
    return (
      <section className="card" data-testid="request-sent">
        <div role="status">
          <h1>{t('request.sentTitle')}</h1>
          <p>{t('request.sentBody')}</p>
        </div>
        <h2>{t('request.documentsTitle')}</h2>
        <label>
          {t('request.documentsLabel')}
          <input
            type="file"
            multiple
            accept={DOCUMENT_ACCEPT}
            disabled={uploading}
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              void attach(sentId, files);
            }}
          />
        </label>
        {uploading && <p role="status">{t('request.documentsUploading')}</p>}
        <ErrorMessage error={error} />
        <ul data-testid="request-documents">
          {documents.map((d) => (
            <li key={d.id}>
              {d.fileName} ({Math.ceil(d.sizeBytes / 1024)} KB)
            </li>
          ))}
        </ul>
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
