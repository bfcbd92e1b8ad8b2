import type { INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { ConfigError } from '@yiqiao/config';

/**
 * Starts a Nest application: pino as the Nest logger, graceful shutdown on SIGTERM/SIGINT, and a
 * configuration error printed as a readable list (naming each variable) instead of a stack trace.
 */
export async function runApp(
  app: string,
  create: () => Promise<{ nest: INestApplication; port: number; host: string }>,
): Promise<INestApplication> {
  try {
    const { nest, port, host } = await create();
    nest.useLogger(nest.get(Logger));
    await nest.listen(port, host);
    nest.get(Logger).log(`${app} listening on http://${host}:${port}`);
    shutDownGracefullyOnSignals(app, nest);
    return nest;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    console.error(`${app} failed to start:`, error);
    process.exit(1);
  }
}

/**
 * On SIGTERM/SIGINT: stop accepting work, run every shutdown hook (close queues, sockets, pools)
 * and exit 0. A second signal, or hooks that hang for 10 s, force the exit.
 */
function shutDownGracefullyOnSignals(app: string, nest: INestApplication): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    nest.get(Logger).log(`${app} received ${signal}, shutting down`);
    setTimeout(() => {
      console.error(`${app}: shutdown hooks did not finish within 10 s, exiting`);
      process.exit(1);
    }, 10_000).unref();
    nest.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`${app}: error during shutdown`, error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
