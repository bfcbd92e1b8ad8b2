import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocale } from '@yiqiao/domain/locales';
import { inviteGuest } from '../../api/guests';
import type { GuestInvitationInput, GuestView } from '../../api/types';
import { useUser } from '../../auth/auth-context';
import { describeError, ErrorMessage } from '../../components/async';
import { LANGUAGE_NAMES, LOCALES } from '../../i18n';

/**
 * Name, optional e-mail, language and relationship. The language starts as the patient's: a patient
 * inviting sees their own language chosen, staff leave it to the api's default (the patient's).
 */
export function InviteGuestForm({
  consultationId,
  onInvited,
}: {
  consultationId: string;
  onInvited(guest: GuestView): void;
}) {
  const { t } = useTranslation();
  const user = useUser();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<string>(user.role === 'patient' ? user.preferredLanguage : '');
  const [relationship, setRelationship] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input: GuestInvitationInput = { name: name.trim() };
    if (email.trim()) input.email = email.trim();
    if (isLocale(language)) input.language = language;
    if (relationship.trim()) input.relationship = relationship.trim();
    setBusy(true);
    try {
      const guest = await inviteGuest(consultationId, input);
      setName('');
      setEmail('');
      setRelationship('');
      setError(null);
      onInvited(guest);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} data-testid="invite-guest-form">
      <h2>{t('guests.inviteTitle')}</h2>
      <label>
        {t('guests.name')}
        <input name="name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('guests.email')}
        <input
          name="email"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label>
        {t('guests.language')}
        <select name="language" value={language} onChange={(e) => setLanguage(e.target.value)}>
          {user.role !== 'patient' && <option value="">{t('guests.patientLanguage')}</option>}
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {LANGUAGE_NAMES[locale]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('guests.relationship')}
        <input
          name="relationship"
          maxLength={60}
          value={relationship}
          onChange={(e) => setRelationship(e.target.value)}
        />
      </label>
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy || !name.trim()} data-testid="send-invitation">
        {busy ? t('common.working') : t('guests.invite')}
      </button>
    </form>
  );
}
