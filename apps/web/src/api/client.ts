import { webConfig } from '../config';

/** An error answer of the api, carrying its human-readable message(s) and its JSON body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** the answer's JSON body (machine-readable `code` and details), when it had one */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The machine-readable code of the answer (`join_window_not_open`, …), if any. */
  get code(): string | undefined {
    return typeof this.body.code === 'string' ? this.body.code : undefined;
  }
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

const STORAGE_KEY = 'yiqiao.tokens';
let tokens: TokenPair | null = readStoredTokens();
let refreshing: Promise<boolean> | null = null;
let onSignedOut: () => void = () => undefined;

function readStoredTokens(): TokenPair | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as TokenPair) : null;
  } catch {
    return null;
  }
}

export function setTokens(pair: TokenPair | null): void {
  tokens = pair;
  if (pair) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(pair));
  else sessionStorage.removeItem(STORAGE_KEY);
}

export function hasTokens(): boolean {
  return tokens !== null;
}

export function whenSignedOut(callback: () => void): void {
  onSignedOut = callback;
}

async function errorOf(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = await response.json();
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // not JSON
  }
  const message = body.message;
  if (Array.isArray(message)) return new ApiError(response.status, message.join('; '), body);
  if (typeof message === 'string' && message) return new ApiError(response.status, message, body);
  return new ApiError(response.status, `HTTP ${response.status}`, body);
}

/**
 * A request to a public endpoint (a guest's link): it never carries the bearer token of whoever may
 * be signed in in this browser, and a 401 here must not sign anyone out.
 */
export async function publicRequest<T>(method: 'GET' | 'POST', path: string): Promise<T> {
  const response = await fetch(`${webConfig().apiUrl}${path}`, {
    method,
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

async function refreshTokens(): Promise<boolean> {
  if (!tokens) return false;
  const response = await fetch(`${webConfig().apiUrl}/auth/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: tokens.refreshToken }),
  }).catch(() => null);
  if (!response?.ok) return false;
  const body = (await response.json()) as TokenPair;
  setTokens({ accessToken: body.accessToken, refreshToken: body.refreshToken });
  return true;
}

/** fetch to the api with the bearer token; one transparent refresh on 401; ApiError unless ok. */
export async function authorizedFetch(
  path: string,
  init: { method: string; headers: Record<string, string>; body?: BodyInit },
  retry = true,
): Promise<Response> {
  const headers = { ...init.headers };
  if (tokens) headers.Authorization = `Bearer ${tokens.accessToken}`;
  const response = await fetch(`${webConfig().apiUrl}${path}`, { ...init, headers });
  if (response.status === 401 && retry && tokens) {
    refreshing ??= refreshTokens().finally(() => (refreshing = null));
    if (await refreshing) return authorizedFetch(path, init, false);
    setTokens(null);
    onSignedOut();
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** JSON request to the api with the bearer token; one transparent refresh on 401. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await authorizedFetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body ?? {});
export const patch = <T>(path: string, body?: unknown) => api<T>('PATCH', path, body ?? {});
export const del = <T>(path: string) => api<T>('DELETE', path);

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
