import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { get, hasTokens, post, setTokens, whenSignedOut } from '../api/client';
import type { LoginResponse, User } from '../api/types';
import { applyLanguage } from '../i18n';

interface AuthState {
  user: User | null;
  loading: boolean;
  signIn(email: string, password: string): Promise<User>;
  signOut(): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(hasTokens());

  const signOut = useCallback(() => {
    setTokens(null);
    setUser(null);
  }, []);

  useEffect(() => {
    whenSignedOut(() => setUser(null));
    if (!hasTokens()) return;
    get<User>('/me')
      .then((me) => {
        setUser(me);
        void applyLanguage(me.preferredLanguage, false);
      })
      .catch(() => setTokens(null))
      .finally(() => setLoading(false));
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const body = await post<LoginResponse>('/auth/login', { email, password });
    setTokens({ accessToken: body.accessToken, refreshToken: body.refreshToken });
    setUser(body.user);
    await applyLanguage(body.user.preferredLanguage, false);
    return body.user;
  }, []);

  const value = useMemo(() => ({ user, loading, signIn, signOut }), [user, loading, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The signed-in user; only for pages behind the sign-in guard. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('no signed-in user');
  return user;
}
