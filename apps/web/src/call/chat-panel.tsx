import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '@yiqiao/contracts/sfu';
import { formatInZone } from '../time/format';

export function ChatPanel({
  messages,
  selfId,
  zone,
  onSend,
}: {
  messages: ChatMessage[];
  selfId: string;
  zone: string;
  onSend(body: string): Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = draft.trim();
    if (!body) return;
    try {
      await onSend(body);
      setDraft('');
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <section className="chat" aria-labelledby="chat-title">
      <h2 id="chat-title">{t('call.chat')}</h2>
      <ol className="messages" aria-live="polite" data-testid="chat-messages">
        {messages.map((m) => (
          <li key={m.messageId} className={m.userId === selfId ? 'mine' : undefined}>
            <span className="author">
              {m.displayName} · {formatInZone(m.sentAt, zone, i18n.language, false)}
            </span>
            <span className="body" dir="auto">
              {m.body}
            </span>
          </li>
        ))}
      </ol>
      <form onSubmit={(e) => void submit(e)}>
        <label className="visually-hidden" htmlFor="chat-input">
          {t('call.message')}
        </label>
        <input
          id="chat-input"
          value={draft}
          maxLength={2000}
          dir="auto"
          placeholder={t('call.messagePlaceholder')}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit">{t('call.send')}</button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
