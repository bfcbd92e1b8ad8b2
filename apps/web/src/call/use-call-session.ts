import { useEffect, useRef, useState } from 'react';
import type { JoinResponse } from '@yiqiao/contracts/sfu';
import { CallSession } from './call-session';
import type { CallState } from './call-state';
import type { InboundStats } from './media-stats';

declare global {
  interface Window {
    /** Test and support hook: WebRTC inbound-rtp figures of the current call. */
    __yiqiaoStats?: () => Promise<InboundStats[]>;
    /** Test and support hook: the phase of the current call. */
    __yiqiaoCallPhase?: () => string;
  }
}

/** Starts one call session once the local stream exists; swaps tracks when devices change. */
export function useCallSession(
  consultationId: string,
  /** how this person gets a join token: signed in, or with a guest's invitation link */
  fetchJoin: () => Promise<JoinResponse>,
  stream: MediaStream | null,
  onWaitingAlert: () => void,
): { session: CallSession | null; state: CallState | null } {
  const sessionRef = useRef<CallSession | null>(null);
  const [state, setState] = useState<CallState | null>(null);
  const alertRef = useRef(onWaitingAlert);
  alertRef.current = onWaitingAlert;
  const joinRef = useRef(fetchJoin);
  joinRef.current = fetchJoin;

  useEffect(() => {
    if (!stream) return;
    const existing = sessionRef.current;
    if (existing) {
      for (const track of stream.getTracks()) void existing.replaceTrack(track);
      return;
    }
    const session = new CallSession(consultationId, () => joinRef.current(), stream);
    session.onWaitingAlert = () => alertRef.current();
    sessionRef.current = session;
    session.subscribe(setState);
    window.__yiqiaoStats = () => session.stats();
    window.__yiqiaoCallPhase = () => session.state.phase;
    void session.start();
  }, [consultationId, stream]);

  useEffect(
    () => () => {
      sessionRef.current?.close();
      sessionRef.current = null;
      delete window.__yiqiaoStats;
      delete window.__yiqiaoCallPhase;
    },
    [],
  );

  return { session: sessionRef.current, state };
}
