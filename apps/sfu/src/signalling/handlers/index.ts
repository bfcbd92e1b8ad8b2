import type { AnySignalHandler } from '../signal-handler';
import { admitHandler } from './admit.handler';
import { closeProducerHandler } from './close-producer.handler';
import { connectTransportHandler } from './connect-transport.handler';
import { consumeHandler } from './consume.handler';
import { createTransportHandler } from './create-transport.handler';
import { declineHandler } from './decline.handler';
import { endRoomHandler } from './end-room.handler';
import { joinHandler } from './join.handler';
import { muteParticipantHandler } from './mute-participant.handler';
import { pauseProducerHandler } from './pause-producer.handler';
import { produceHandler } from './produce.handler';
import { removeParticipantHandler } from './remove-participant.handler';
import { reportQualityHandler } from './report-quality.handler';
import { restartIceHandler } from './restart-ice.handler';
import { resumeConsumerHandler } from './resume-consumer.handler';
import { resumeProducerHandler } from './resume-producer.handler';
import { sendChatHandler } from './send-chat.handler';
import { setConsumerViewHandler } from './set-consumer-view.handler';

/** One handler per client event. */
export const SIGNAL_HANDLERS: readonly AnySignalHandler[] = [
  joinHandler,
  createTransportHandler,
  connectTransportHandler,
  restartIceHandler,
  produceHandler,
  pauseProducerHandler,
  resumeProducerHandler,
  closeProducerHandler,
  consumeHandler,
  resumeConsumerHandler,
  setConsumerViewHandler,
  admitHandler,
  declineHandler,
  removeParticipantHandler,
  muteParticipantHandler,
  endRoomHandler,
  sendChatHandler,
  reportQualityHandler,
];
