import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { INPUT_LIMITS } from './input-limits';

interface ClientError extends Error {
  code?: string;
}

interface Answer {
  status: number;
  reason: string;
  message: string;
}

/** What Node's http parser refused, as Node itself would answer it, but with a message. */
function answerFor(error: ClientError): Answer {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        reason: 'Request Header Fields Too Large',
        message: `The request headers are larger than ${INPUT_LIMITS.maxHeaderBytes / 1024} kB; send fewer or shorter headers (cookies, tokens)`,
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, reason: 'Payload Too Large', message: 'The chunk extensions are too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, reason: 'Request Timeout', message: 'The request took too long to arrive' };
    default:
      return {
        status: 400,
        reason: 'Bad Request',
        message: 'The request is not valid HTTP/1.1 (request line, headers or body framing)',
      };
  }
}

/**
 * Node answers requests its parser refuses (headers over http.maxHeaderSize, malformed request
 * lines) itself, with a bare status line. This answers them with the api's JSON error body instead;
 * like Node, only when nothing has been written on the connection yet, then closes it.
 */
export function answerClientErrorsWithJson(server: Server): void {
  server.on('clientError', (error: ClientError, socket: Duplex & { bytesWritten?: number }) => {
    if (error.code === 'ECONNRESET' || !socket.writable || (socket.bytesWritten ?? 0) > 0) {
      socket.destroy();
      return;
    }
    const { status, reason, message } = answerFor(error);
    const body = JSON.stringify({ statusCode: status, error: reason, message });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      () => socket.destroy(),
    );
  });
}
