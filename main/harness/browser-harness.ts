import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigurationReport, RunMode } from '../../shared/api';
import { attachWebSocketTransport, type WebSocketTransport } from '../ipc/websocket-transport';
import type { DmpEndpointConfig } from '../config/runtime';
import type { InsiConfig } from '../identity/wiring';
import type { Logger } from '../log/logger';
import { createServices, type Services } from '../services';
import type { TrainingEnvironment } from '../training/training-environment';
import { startStaticServer, type StaticServer } from './static-server';

export interface BrowserHarnessOptions {
  readonly rendererDir: string;
  readonly userDataDir: string;
  readonly mode: RunMode;
  readonly appName: string;
  readonly appVersion: string;
  readonly logger: Logger;
  readonly port?: number;
  /** INSi endpoint (training: the INSi simulator); absent -> INSI_NOT_CONFIGURED. */
  readonly insi?: InsiConfig;
  /** National DMP endpoint and practitioner context (training: the DMP simulator); absent -> DMP_NOT_CONFIGURED. */
  readonly dmp?: DmpEndpointConfig;
  /** In-process simulators and virtual cards; they take precedence over `insi` and `dmp`, and close with the harness. */
  readonly training?: TrainingEnvironment;
  /** What `app.configuration` answers: production's loaded configuration, or training's description. */
  readonly configuration?: ConfigurationReport;
}

export interface BrowserHarness {
  readonly services: Services;
  readonly transport: WebSocketTransport;
  readonly origin: string;
  /** A page URL carrying a fresh one-time token in its fragment (never sent to the server in a request line). */
  newSessionUrl(): string;
  close(): Promise<void>;
}

/** The real services behind the loopback websocket, serving the built renderer. */
export async function startBrowserHarness(options: BrowserHarnessOptions): Promise<BrowserHarness> {
  try {
    await access(join(options.rendererDir, 'index.html'));
  } catch {
    throw new Error(`renderer build not found in ${options.rendererDir}: run "npm run build" first`);
  }
  const services = createServices({
    userDataDir: options.userDataDir,
    mode: options.mode,
    appName: options.appName,
    appVersion: options.appVersion,
    platform: process.platform,
    logger: options.logger,
    ...(options.insi === undefined ? {} : { insi: options.insi }),
    ...(options.dmp === undefined ? {} : { dmp: options.dmp }),
    ...(options.configuration === undefined ? {} : { configuration: options.configuration }),
    ...options.training?.servicesConfig,
  });
  let staticServer: StaticServer | undefined;
  try {
    staticServer = await startStaticServer({
      rootDir: options.rendererDir,
      logger: options.logger.child('harness'),
      ...(options.port === undefined ? {} : { port: options.port }),
    });
  } catch (error) {
    await services.dispose();
    await options.training?.close();
    throw error;
  }
  const transport = attachWebSocketTransport({
    router: services.router,
    server: staticServer.server,
    allowedOrigins: [staticServer.origin],
    logger: options.logger.child('ws'),
  });
  const origin = staticServer.origin;
  const server = staticServer;
  return {
    services,
    transport,
    origin,
    newSessionUrl: () => `${origin}/index.html#token=${transport.issueToken()}`,
    close: async () => {
      await transport.close();
      await server.close();
      await services.dispose();
      await options.training?.close();
    },
  };
}
