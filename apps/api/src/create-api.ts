import { BadRequestException, INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { ApiConfig } from './config';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { jsonBody } from './common/json-body.middleware';

export const MAX_JSON_BODY = '1mb';

/** Builds the api application (used by main.ts and by the tests, so both run the same stack). */
export async function createApi(config: ApiConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  // Our own JSON parser so a too-large or malformed body gets a JSON 413/400, not express's HTML page.
  app.use(jsonBody(MAX_JSON_BODY));
  app.use(helmet({ contentSecurityPolicy: false }));
  app.enableCors({ origin: true, credentials: true });
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new BadRequestException({
          message: errors.flatMap(function describe(e): string[] {
            const own = Object.values(e.constraints ?? {});
            return [...own, ...(e.children ?? []).flatMap(describe)];
          }),
          error: 'Bad Request',
          statusCode: 400,
        }),
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
