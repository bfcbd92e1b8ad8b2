import { Module } from '@nestjs/common';
import { OrganisationController } from './organisation.controller';
import { OrganisationService } from './organisation.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Administrator endpoints: institutions, departments, users and roles. */
@Module({
  controllers: [OrganisationController, UsersController],
  providers: [OrganisationService, UsersService],
})
export class AdminModule {}
