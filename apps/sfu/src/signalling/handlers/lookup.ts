import type { types } from 'mediasoup';
import type { Peer } from '../../rooms/peer';
import { SignalFailure } from '../signal-failure';

export function transportOf(peer: Peer, transportId: string): types.WebRtcTransport {
  const transport = peer.transports.get(transportId);
  if (!transport || transport.closed)
    throw new SignalFailure('not_found', 'No such transport; create one first.');
  return transport;
}

export function producerOf(peer: Peer, producerId: string): types.Producer {
  const producer = peer.producers.get(producerId);
  if (!producer || producer.closed) throw new SignalFailure('not_found', 'No such producer of yours.');
  return producer;
}

export function consumerOf(peer: Peer, consumerId: string): types.Consumer {
  const consumer = peer.consumers.get(consumerId);
  if (!consumer || consumer.closed) throw new SignalFailure('not_found', 'No such consumer of yours.');
  return consumer;
}
