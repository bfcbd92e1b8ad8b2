import { Module } from '@nestjs/common';
import { CatalogueController } from './catalogue.controller';
import { RequestDecisionsService } from './request-decisions.service';
import { RequestReferences } from './request-references';
import { RequestsController } from './requests.controller';
import { RequestsService } from './requests.service';

@Module({
  controllers: [RequestsController, CatalogueController],
  providers: [RequestsService, RequestDecisionsService, RequestReferences],
  exports: [RequestsService],
})
export class RequestsModule {}
