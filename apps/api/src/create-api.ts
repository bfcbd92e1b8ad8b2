import type { Server } from 'node:http';
import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { ApiConfig } from './config';
import { accessTokenProblem } from './common/access-token-check';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { answerClientErrorsWithJson } from './common/client-error';
import { jsonBody } from './common/json-body.middleware';
import { TextHygienePipe } from './common/text-hygiene.pipe';
import { uploadPrecheck } from './common/upload-precheck.middleware';
import { validationException } from './common/validation-errors';
import { MAX_DOCUMENT_BODY, MAX_DOCUMENT_BYTES } from './requests/document-file';

export const MAX_JSON_BODY = '1mb';

/** Builds the api application (used by main.ts and by the tests, so both run the same stack). */
export async function createApi(config: ApiConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  // Requests Node's parser refuses (e.g. headers over 16 kB) get a JSON answer too.
  answerClientErrorsWithJson(app.getHttpServer() as Server);
  // A document upload without a valid token, or declaring too many bytes, is refused from its headers.
  app.use(
    uploadPrecheck({
      method: 'POST',
      path: /^\/consultation-requests\/[^/]+\/documents\/?$/i,
      maxBytes: MAX_DOCUMENT_BYTES,
      tooLargeMessage: `The file is larger than the ${MAX_DOCUMENT_BODY} limit per document; compress or split it (e.g. scan at a lower resolution)`,
      tokenProblem: accessTokenProblem(app.get(JwtService, { strict: false })),
    }),
  );
  // Our own JSON parser so a too-large, too-deep or malformed body gets a JSON 413/400, not HTML.
  app.use(jsonBody(MAX_JSON_BODY));
  app.use(helmet({ contentSecurityPolicy: false }));
  app.enableCors({ origin: true, credentials: true });
  app.useGlobalFilters(new AllExceptionsFilter());
  // Text hygiene (NUL, lone surrogates, sizes, depth) first, then each DTO's own rules.
  app.useGlobalPipes(
    new TextHygienePipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationException,
    }),
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Yiqiao API')
      .setDescription('Cross-border telemedicine consultations with Shanghai specialists')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
