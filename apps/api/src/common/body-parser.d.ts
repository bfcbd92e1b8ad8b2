// Minimal typing of the body-parser functions the api uses (no @types/body-parser installed).
declare module 'body-parser' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  export function json(options: {
    limit: string;
    verify?: (req: IncomingMessage, res: ServerResponse, body: Buffer, encoding: string) => void;
  }): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
  export function raw(options: {
    limit: string;
    type: (req: IncomingMessage) => boolean;
  }): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
}
