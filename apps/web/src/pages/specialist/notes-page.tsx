import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { notes } from '../../api/notes';
import { describeError, ErrorMessage, useLoad } from '../../components/async';

/** The specialist's notes after the call. */
export function NotesPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const loaded = useLoad(() => notes.load(id), [id]);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setBody(loaded.data?.body ?? ''), [loaded.data]);

  async function save() {
    try {
      await notes.save(id, body);
      setSaved(true);
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <section>
      <h1>{t('notes.title')}</h1>
      <ErrorMessage error={error ?? loaded.error} />
      <label>
        {t('notes.label')}
        {/* Not editable until the saved notes have loaded, so a late load can never overwrite typing. */}
        <textarea
          rows={12}
          value={body}
          maxLength={20000}
          disabled={loaded.loading}
          onChange={(e) => setBody(e.target.value)}
        />
      </label>
      {saved && <p role="status">{t('common.saved')}</p>}
      <button type="button" disabled={loaded.loading} onClick={() => void save()}>
        {t('common.save')}
      </button>
    </section>
  );
}
