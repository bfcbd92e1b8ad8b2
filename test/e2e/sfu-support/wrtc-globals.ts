import Module from 'node:module';
import wrtc from '@roamhq/wrtc';

/** mediasoup-client's Chrome111 handler uses the browser's WebRTC globals; in Node they come from wrtc. */
Object.assign(globalThis, {
  RTCPeerConnection: wrtc.RTCPeerConnection,
  RTCSessionDescription: wrtc.RTCSessionDescription,
  RTCIceCandidate: wrtc.RTCIceCandidate,
  MediaStream: wrtc.MediaStream,
  MediaStreamTrack: wrtc.MediaStreamTrack,
});

export { wrtc };

// wrtc's native teardown crashes (SIGSEGV) when a process that used it ends by draining its event
// loop; ending with an explicit exit is clean. jest's worker processes already exit that way; this
// covers a test file run in band. jest gives test files a copy of `process`, so the real one is
// taken from Node's own loader.
const realProcess = (Module as unknown as { _load(request: string): NodeJS.Process })._load('process');
realProcess.once('beforeExit', (code) => realProcess.exit(code));
