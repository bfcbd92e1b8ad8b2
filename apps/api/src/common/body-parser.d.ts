// Minimal typing of the one body-parser function the api uses (no @types/body-parser installed).
declare module 'body-parser' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  export function json(options: {
    limit: string;
  }): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
}
