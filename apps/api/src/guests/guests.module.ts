import { Module } from '@nestjs/common';
import { VideoModule } from '../video/video.module';
import { GuestInvitationsController } from './guest-invitations.controller';
import { GuestInvitationsService } from './guest-invitations.service';
import { GuestLinkRateLimiter } from './guest-link-rate-limiter';
import { GuestsController } from './guests.controller';
import { GuestsService } from './guests.service';

/** Family members invited to a consultation's call: invitations, their links, and the guest's join. */
@Module({
  imports: [VideoModule],
  controllers: [GuestsController, GuestInvitationsController],
  providers: [GuestsService, GuestInvitationsService, GuestLinkRateLimiter],
})
export class GuestsModule {}
