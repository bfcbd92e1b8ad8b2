import type {
  DtlsParameters,
  IceCandidate,
  IceParameters,
  RtpCapabilities,
  RtpParameters,
} from 'mediasoup/lib/types';

/** One real WebRTC receiver the capacity benchmark asks the probe process to attach. */
export interface ProbeReceiver {
  label: string;
  transport: {
    id: string;
    iceParameters: IceParameters;
    iceCandidates: IceCandidate[];
    dtlsParameters: DtlsParameters;
  };
  consumer: { id: string; producerId: string; rtpParameters: RtpParameters };
}

/** What one receiver decoded while it watched. */
export interface DecodeReport {
  label: string;
  framesDecoded: number;
  /** frames handed to the application sink, and their resolution (the last one seen) */
  framesRendered: number;
  width: number;
  height: number;
  fps: number;
  packetsLost: number;
}

/** Messages between the capacity benchmark and its decode probe process (over Node IPC). */
export type ProbeCommand =
  | { type: 'load'; routerRtpCapabilities: RtpCapabilities }
  | { type: 'receive'; receivers: ProbeReceiver[] }
  | { type: 'connected'; transportId: string; error?: string }
  | { type: 'watch'; ms: number };

export type ProbeReply =
  | { type: 'loaded'; rtpCapabilities: RtpCapabilities }
  | { type: 'connect'; transportId: string; dtlsParameters: DtlsParameters }
  | { type: 'consuming' }
  | { type: 'result'; reports: DecodeReport[] }
  | { type: 'failed'; error: string };
