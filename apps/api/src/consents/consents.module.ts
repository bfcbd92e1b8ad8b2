import { Global, Module } from '@nestjs/common';
import { ConsentsController } from './consents.controller';
import { ConsentsService } from './consents.service';

/** Global so any module that stores medical data can inject ConsentsService.requireConsents. */
@Global()
@Module({ controllers: [ConsentsController], providers: [ConsentsService], exports: [ConsentsService] })
export class ConsentsModule {}
