import { Module } from '@nestjs/common';
import { JoinIssuer } from './join-issuer.service';
import { SfuControl } from './sfu-control';
import { SfuNodePicker } from './sfu-node-picker';
import { VideoController } from './video.controller';
import { VideoJoinService } from './video-join.service';

/** Joining video calls: participant checks, SFU node pinning, join tokens, TURN credentials, removals. */
@Module({
  controllers: [VideoController],
  providers: [VideoJoinService, JoinIssuer, SfuNodePicker, SfuControl],
  exports: [VideoJoinService, JoinIssuer, SfuControl],
})
export class VideoModule {}
