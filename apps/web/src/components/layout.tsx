import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Role } from '@yiqiao/domain/roles';
import { useAuth } from '../auth/auth-context';
import { LanguageSwitcher } from './language-switcher';

type NavKey =
  | 'home'
  | 'request'
  | 'selfBook'
  | 'consents'
  | 'consultations'
  | 'notifications'
  | 'availability'
  | 'offers'
  | 'schedule'
  | 'inbox'
  | 'board'
  | 'book'
  | 'live';

const NAV: Record<Role, [NavKey, string][]> = {
  patient: [
    ['home', '/'],
    ['request', '/patient/request'],
    ['selfBook', '/patient/book'],
    ['consents', '/patient/consents'],
    ['consultations', '/consultations'],
    ['notifications', '/notifications'],
  ],
  specialist: [
    ['home', '/'],
    ['availability', '/specialist/availability'],
    ['consultations', '/consultations'],
    ['notifications', '/notifications'],
  ],
  interpreter: [
    ['home', '/'],
    ['offers', '/interpreter/offers'],
    ['schedule', '/consultations'],
    ['notifications', '/notifications'],
  ],
  coordinator: [
    ['home', '/'],
    ['inbox', '/coordinator/inbox'],
    ['board', '/coordinator/board'],
    ['book', '/coordinator/book'],
    ['live', '/coordinator/live'],
  ],
  admin: [
    ['home', '/'],
    ['board', '/coordinator/board'],
    ['live', '/coordinator/live'],
  ],
};

export function Layout() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  // after client-side navigation, move keyboard and screen-reader focus to the new page's content
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="app-header">
        <span className="brand">{t('app.name')}</span>
        {user && (
          <nav aria-label={t('nav.label')}>
            <ul>
              {NAV[user.role].map(([key, to]) => (
                <li key={key}>
                  <NavLink to={to} end={to === '/'}>
                    {t(`nav.${key}`)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="header-tools">
          <LanguageSwitcher />
          {user && (
            <>
              <span className="who" data-testid="signed-in-as">
                {user.fullName} · {t(`roles.${user.role}`)}
              </span>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  signOut();
                  void navigate('/sign-in');
                }}
              >
                {t('auth.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        <Outlet />
      </main>
    </>
  );
}
