import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * Serves the built browser app (apps/web/dist): static files, `/config.json` with the api's public
 * URL (so one build runs against any api), and index.html for every other path (client-side routes).
 */
export interface WebServerOptions {
  root: string;
  host: string;
  port: number;
  apiUrl: string;
}

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isFile() ?? false;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const root = path.resolve(options.root);
  if (!(await isFile(path.join(root, 'index.html'))))
    throw new Error(`${root}/index.html is missing: run apps/web/build.sh first`);
  const config = JSON.stringify({ apiUrl: options.apiUrl });

  const server: Server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { Allow: 'GET, HEAD' }).end('Method not allowed');
        return;
      }
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://web').pathname);
      if (pathname === '/config.json') {
        response.writeHead(200, { 'Content-Type': TYPES['.json'], 'Cache-Control': 'no-store' }).end(config);
        return;
      }
      const candidate = path.join(root, path.normalize(pathname));
      const inside = candidate.startsWith(root + path.sep);
      const file = inside && (await isFile(candidate)) ? candidate : path.join(root, 'index.html');
      const hashed = file.includes(`${path.sep}assets${path.sep}`);
      response.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      if (request.method === 'HEAD') response.end();
      else createReadStream(file).pipe(response);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** `node dist/infra/dev/web-server.js`: WEB_HOST, WEB_PORT (default: PUBLIC_WEB_URL's port) and API_PUBLIC_URL. */
async function main(): Promise<void> {
  const publicUrl = new URL(process.env.PUBLIC_WEB_URL ?? 'http://localhost:5173');
  const server = await startWebServer({
    root: path.resolve(__dirname, '../../../apps/web/dist'),
    host: process.env.WEB_HOST ?? '127.0.0.1',
    port: Number(process.env.WEB_PORT ?? (publicUrl.port || 5173)),
    apiUrl: process.env.API_PUBLIC_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? '3000'}`,
  });
  console.log(`web app on ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
