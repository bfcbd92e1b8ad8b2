import { Body, Controller, Get, Headers, Param, Post, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiProperty,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { IdParam } from '../common/id-param';
import { Ctx, type RequestContext } from '../common/request-context';
import {
  DOCUMENT_TYPES,
  MAX_DOCUMENT_BODY,
  MAX_DOCUMENTS_PER_REQUEST,
  parseDocumentUpload,
} from './document-file';
import { RequestDocumentList, RequestDocumentView } from './document.view';
import { RequestDocumentsService } from './request-documents.service';

export class DocumentParams extends IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'documentId must be a UUID' })
  documentId!: string;
}

/** RFC 6266 header: an ASCII fallback name plus the exact UTF-8 name. */
const attachment = (fileName: string): string =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

@ApiTags('consultation requests')
@ApiBearerAuth()
@Controller('consultation-requests/:id/documents')
export class RequestDocumentsController {
  constructor(private readonly documents: RequestDocumentsService) {}

  @Post()
  @Roles('patient')
  @ApiOperation({
    summary: 'Attach a medical document (PDF report, JPEG/PNG scan) to your own request',
    description: `The body is the raw file (not multipart), at most ${MAX_DOCUMENT_BODY}; at most ${MAX_DOCUMENTS_PER_REQUEST} documents per request. The content must match the declared type.`,
  })
  @ApiConsumes(...DOCUMENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'X-File-Name', required: true, description: 'URL-encoded original file name' })
  @ApiCreatedResponse({ type: RequestDocumentView })
  @ApiNotFoundResponse({ description: 'The request does not exist or is not yours' })
  @ApiConflictResponse({ description: 'Document limit reached, or the request is closed' })
  @ApiPayloadTooLargeResponse({ description: `The file is larger than ${MAX_DOCUMENT_BODY}` })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not a PDF, JPEG or PNG (by type or content)' })
  upload(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParam,
    @Headers('content-type') contentType: string | undefined,
    @Headers('x-file-name') fileName: string | undefined,
    @Body() body: unknown,
    @Ctx() ctx: RequestContext,
  ): Promise<RequestDocumentView> {
    const file = parseDocumentUpload(contentType, fileName, body);
    return this.documents.upload(user, params.id, file, ctx);
  }

  @Get()
  @Roles('patient', 'specialist', 'coordinator', 'admin')
  @ApiOperation({ summary: "The request's documents (metadata only)" })
  @ApiOkResponse({ type: RequestDocumentList })
  @ApiNotFoundResponse()
  async list(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParam,
    @Ctx() ctx: RequestContext,
  ): Promise<RequestDocumentList> {
    return { items: await this.documents.list(user, params.id, ctx) };
  }

  @Get(':documentId')
  @Roles('patient', 'specialist', 'coordinator', 'admin')
  @ApiOperation({ summary: 'Download one document (as an attachment, with its original type)' })
  @ApiProduces(...DOCUMENT_TYPES)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse()
  async download(
    @CurrentUser() user: AuthUser,
    @Param() params: DocumentParams,
    @Ctx() ctx: RequestContext,
  ): Promise<StreamableFile> {
    const document = await this.documents.download(user, params.id, params.documentId, ctx);
    return new StreamableFile(document.content, {
      type: document.contentType,
      length: document.sizeBytes,
      disposition: attachment(document.fileName),
    });
  }
}
