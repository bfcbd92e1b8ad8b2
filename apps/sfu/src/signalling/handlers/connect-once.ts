import type { types } from 'mediasoup';
import { SignalFailure } from '../signal-failure';

/** Transports connected or being connected; entries go with their transport. */
const connecting = new WeakSet<types.WebRtcTransport>();

/**
 * A transport is connected once (mediasoup's worker refuses a second connect() with an error). The
 * mark is set before awaiting, so two concurrent connects also get one refusal; a failed connect
 * removes it so the client may retry with corrected parameters.
 */
export async function connectOnce(
  transport: types.WebRtcTransport,
  dtls: types.DtlsParameters,
): Promise<void> {
  if (connecting.has(transport))
    throw new SignalFailure(
      'forbidden',
      'This transport is already connected; create a new one to reconnect.',
    );
  connecting.add(transport);
  try {
    await transport.connect({ dtlsParameters: dtls });
  } catch (error) {
    connecting.delete(transport);
    throw error;
  }
}
