import { useTranslation } from 'react-i18next';
import type { GuestInvitation } from '../../api/types';
import { TwoClocks } from '../../components/two-clocks';

/** Who the guest will meet, where, and when: in their own clock and in Shanghai time. */
export function InvitationSummary({ invitation }: { invitation: GuestInvitation }) {
  const { t, i18n } = useTranslation();
  const { guest, consultation } = invitation;
  // Chinese readers get the hospital's own names when it has them
  const chinese = i18n.language === 'zh-CN';
  const department = (chinese && consultation.departmentNameZh) || consultation.departmentName;
  const institution = (chinese && consultation.institutionNameZh) || consultation.institutionName;
  return (
    <section className="card" data-testid="guest-invitation">
      <h1>{t('guest.greeting', { name: guest.name })}</h1>
      <dl className="invitation-details">
        <dt>{t('guest.when')}</dt>
        <dd data-testid="guest-time">
          <TwoClocks iso={consultation.startsAt} />
        </dd>
        <dt>{t('guest.specialist')}</dt>
        <dd>{consultation.specialistName}</dd>
        <dt>{t('guest.department')}</dt>
        <dd>{department}</dd>
        <dt>{t('guest.institution')}</dt>
        <dd>{institution}</dd>
      </dl>
    </section>
  );
}
