import type { DmpClient } from '../../shared/api';
import { buildClient } from '../../shared/api/client';
import type { Services } from '../../main/services';

/** `window.dmp` wired straight to the real router, for renderer tests without a transport. */
export function inProcessClient(services: Services): DmpClient {
  return buildClient(
    (channel, request) => services.router.dispatch(channel, request, { transport: 'websocket' }),
    (event, listener) => services.router.subscribe((name, payload) => name === event && listener(payload)),
  );
}
