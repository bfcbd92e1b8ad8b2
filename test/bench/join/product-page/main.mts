import { setTokens, type TokenPair } from '../../../../apps/web/src/api/client';
import { CallSession } from '../../../../apps/web/src/call/call-session';
import type { CallState } from '../../../../apps/web/src/call/call-state';
import { fetchJoin } from '../../../../apps/web/src/call/join-api';
import { loadWebConfig } from '../../../../apps/web/src/config';

/**
 * The join-time benchmark's page: the web app's own call client (CallSession, MediaLink, fetchJoin
 * against the real api) without the React screens around it. `__host()` starts the specialist's call
 * from the fake camera and admits whoever waits; `__join()` is a patient pressing "join" after the
 * device check: it resolves with the milliseconds from `session.start()` (which asks the api for the
 * join token) to the first decoded frame of remote video.
 */
const JOIN_TIMEOUT_MS = 20_000;
let session: CallSession | null = null;
/** When each step of the last join finished, in ms after "join": where the time goes. */
let marks: Record<string, number> = {};

async function prepare(
  consultationId: string,
  tokens: TokenPair,
  onToken: () => void = () => undefined,
): Promise<CallSession> {
  await loadWebConfig();
  setTokens(tokens);
  // the device check (precheck page) owns the camera before the user presses "join"
  const local = await navigator.mediaDevices.getUserMedia({
    audio: true,
    video: { width: 1280, height: 720 },
  });
  const join = () => fetchJoin(consultationId).finally(onToken);
  session = new CallSession(consultationId, join, local);
  return session;
}

function until(call: CallSession, done: (state: CallState) => boolean): Promise<CallState> {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out in phase ${call.state.phase}: ${call.state.error ?? 'no error'}`));
    }, JOIN_TIMEOUT_MS);
    const unsubscribe = call.subscribe((state) => {
      if (!done(state) && state.phase !== 'failed') return;
      window.clearTimeout(timer);
      queueMicrotask(() => unsubscribe());
      if (state.phase === 'failed') reject(new Error(`join failed: ${state.error ?? 'unknown'}`));
      else resolve(state);
    });
  });
}

async function host(consultationId: string, tokens: TokenPair): Promise<void> {
  const call = await prepare(consultationId, tokens);
  call.onWaitingAlert = (who) => void call.admit(who.userId);
  void call.start();
  await until(call, (state) => state.phase === 'in_call');
}

async function join(consultationId: string, tokens: TokenPair): Promise<number> {
  let started = 0;
  const mark = (name: string) => (marks[name] ??= performance.now() - started);
  const call = await prepare(consultationId, tokens, () => mark('joinToken'));
  const video = document.getElementById('remote') as HTMLVideoElement;
  marks = {};
  started = performance.now();
  call.subscribe((s) => {
    if (s.phase === 'in_call') mark('inCall');
  });
  void call.start();
  const state = await until(call, (s) => s.remote.some((r) => r.video));
  mark('remoteTrack');
  const track = state.remote.find((r) => r.video)!.video!;
  video.srcObject = new MediaStream([track]);
  const firstFrame = await new Promise<number>((resolve) =>
    video.requestVideoFrameCallback(() => resolve(performance.now())),
  );
  return firstFrame - started;
}

function leave(): void {
  session?.leave();
  session = null;
}

Object.assign(window, { __host: host, __join: join, __leave: leave, __marks: () => marks });
