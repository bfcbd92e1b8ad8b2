import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC_KEY = 'yiqiao:isPublic';
/** OpenAPI extension marking operations that need no access token (the OpenAPI test relies on it). */
export const PUBLIC_OPERATION_EXTENSION = 'x-public';

/** Opts a route (or a whole controller) out of the global access-token requirement. */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));
