import { Module } from '@nestjs/common';
import { JoinIssuer } from './join-issuer.service';
import { SfuNodePicker } from './sfu-node-picker';
import { VideoController } from './video.controller';
import { VideoJoinService } from './video-join.service';

/** Joining video calls: participant checks, SFU node pinning, join tokens, TURN credentials. */
@Module({
  controllers: [VideoController],
  providers: [VideoJoinService, JoinIssuer, SfuNodePicker],
  exports: [VideoJoinService, JoinIssuer],
})
export class VideoModule {}
