import { Module } from '@nestjs/common';
import { RoomEventRecorder } from './room-event-recorder';
import { RoomEventsProcessor } from './room-events.processor';

/** Stores what the SFU reports (room events, in-call chat) in the consultation record. */
@Module({ providers: [RoomEventRecorder, RoomEventsProcessor], exports: [RoomEventRecorder] })
export class RoomEventsModule {}
