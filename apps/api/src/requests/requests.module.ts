import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { rawBody } from '../common/raw-body.middleware';
import { CatalogueController } from './catalogue.controller';
import { MAX_DOCUMENT_BODY } from './document-file';
import { RequestDecisionsService } from './request-decisions.service';
import { RequestDocumentsController } from './request-documents.controller';
import { RequestDocumentsService } from './request-documents.service';
import { RequestReferences } from './request-references';
import { RequestsController } from './requests.controller';
import { RequestsService } from './requests.service';

@Module({
  controllers: [RequestsController, RequestDocumentsController, CatalogueController],
  providers: [RequestsService, RequestDecisionsService, RequestDocumentsService, RequestReferences],
  exports: [RequestsService],
})
export class RequestsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The global parser only reads JSON; document uploads are raw file bytes.
    consumer
      .apply(
        rawBody(
          MAX_DOCUMENT_BODY,
          `The file is larger than the ${MAX_DOCUMENT_BODY} limit per document; compress or split it (e.g. scan at a lower resolution)`,
        ),
      )
      .forRoutes({ path: 'consultation-requests/:id/documents', method: RequestMethod.POST });
  }
}
