import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { io } from 'socket.io-client';
import type { IceServer, JoinResponse } from '@yiqiao/contracts/sfu';
import { joinRefusalOf, type JoinRefusal } from '../time/join-window';

export type NetworkResult =
  | { state: 'checking' }
  | { state: 'ok'; signallingMs: number; candidates: number }
  | { state: 'failed'; reason: string }
  /** the api would not mint a join token now (window not open, closed): said by the device check */
  | { state: 'refused'; refusal: JoinRefusal };

const CHECK_TIMEOUT_MS = 8000;

/** Gathers ICE candidates with the call's ICE servers: proves the browser can offer a media path. */
async function gatherCandidates(iceServers: IceServer[]): Promise<number> {
  const connection = new RTCPeerConnection({ iceServers: iceServers as RTCIceServer[] });
  connection.createDataChannel('probe');
  let count = 0;
  const done = new Promise<void>((resolve) => {
    connection.onicecandidate = (event) => (event.candidate ? count++ : resolve());
    window.setTimeout(resolve, 3000);
  });
  await connection.setLocalDescription(await connection.createOffer());
  await done;
  connection.close();
  return count;
}

/**
 * Reaches the SFU this consultation is pinned to over signalling (authenticated, without entering the
 * room) and checks ICE gathering.
 */
async function checkNetwork(
  consultationId: string,
  fetchJoin: () => Promise<JoinResponse>,
): Promise<NetworkResult> {
  const join = await fetchJoin();
  const started = performance.now();
  const socket = io(`${join.sfuUrl.replace(/\/$/, '')}${join.namespace}`, {
    auth: { token: join.token, consultationId },
    transports: ['websocket'],
    reconnection: false,
    timeout: CHECK_TIMEOUT_MS,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
  } finally {
    socket.disconnect();
  }
  const signallingMs = Math.round(performance.now() - started);
  const candidates = await gatherCandidates(join.iceServers);
  if (candidates === 0) return { state: 'failed', reason: 'no ICE candidates' };
  return { state: 'ok', signallingMs, candidates };
}

export function NetworkCheck({
  consultationId,
  fetchJoin,
  onResult,
}: {
  consultationId: string;
  /** how this person gets a join token: signed in, or with a guest's invitation link */
  fetchJoin: () => Promise<JoinResponse>;
  onResult(ok: boolean, refusal: JoinRefusal | null): void;
}) {
  const { t } = useTranslation();
  const joinRef = useRef(fetchJoin);
  joinRef.current = fetchJoin;
  const [result, setResult] = useState<NetworkResult>({ state: 'checking' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setResult({ state: 'checking' });
    checkNetwork(consultationId, () => joinRef.current())
      .catch((e: unknown): NetworkResult => {
        const refusal = joinRefusalOf(e);
        if (refusal) return { state: 'refused', refusal };
        return { state: 'failed', reason: e instanceof Error ? e.message : String(e) };
      })
      .then((r) => {
        if (!live) return;
        setResult(r);
        onResult(r.state === 'ok', r.state === 'refused' ? r.refusal : null);
      });
    return () => {
      live = false;
    };
  }, [consultationId, attempt, onResult]);
  return (
    <div className="network-check" role="status" data-state={result.state}>
      {result.state === 'checking' && t('precheck.networkChecking')}
      {result.state === 'ok' && t('precheck.networkOk', { ms: result.signallingMs })}
      {result.state === 'refused' && t('precheck.networkNotChecked')}
      {result.state === 'failed' && (
        <>
          {t('precheck.networkFailed', { reason: result.reason })}{' '}
          <button type="button" className="secondary" onClick={() => setAttempt((a) => a + 1)}>
            {t('common.retry')}
          </button>
        </>
      )}
    </div>
  );
}
