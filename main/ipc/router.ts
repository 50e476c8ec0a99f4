import { findChannel, type DmpHandlers, type GroupName } from '../../shared/api';
import { AppError, fail, ok, toErrorShape, type Result } from '../../shared/errors';
import type { EventBus, EventListener } from '../events/event-bus';
import type { Logger } from '../log/logger';

export interface CallContext {
  readonly transport: 'electron' | 'websocket';
}

/** Channel name -> handler, with the contract's schemas checked on the way in and on the way out. */
export interface Router {
  dispatch(channel: string, request: unknown, context: CallContext): Promise<Result<unknown>>;
  subscribe(listener: EventListener): () => void;
}

type AnyHandler = (request: unknown, context: CallContext) => Promise<unknown>;

export function createRouter(handlers: DmpHandlers<CallContext>, events: EventBus, logger: Logger): Router {
  const lookup = (group: GroupName, name: string): AnyHandler => {
    const groupHandlers = handlers[group] as Record<string, AnyHandler>;
    const handler = groupHandlers[name];
    if (handler === undefined) throw new AppError('IPC_UNKNOWN_CHANNEL');
    return handler;
  };

  return {
    async dispatch(channel, request, context) {
      const ref = findChannel(channel);
      if (ref === undefined) {
        logger.warn('ipc.unknown_channel', { transport: context.transport });
        return fail(new AppError('IPC_UNKNOWN_CHANNEL').toShape());
      }
      const parsedRequest = ref.spec.request.safeParse(request);
      if (!parsedRequest.success) {
        logger.warn('ipc.invalid_request', { channel, issues: parsedRequest.error.issues.length });
        return fail(
          new AppError('IPC_INVALID_REQUEST', {
            details: { channel, path: parsedRequest.error.issues[0]?.path.join('.') ?? '' },
          }).toShape(),
        );
      }
      const started = performance.now();
      let response: unknown;
      try {
        response = await lookup(ref.group, ref.method)(parsedRequest.data, context);
      } catch (error) {
        const shape = toErrorShape(error);
        // Unexpected errors are logged by type only: their message may carry anything.
        logger.warn('ipc.handler_failed', {
          channel,
          code: shape.code,
          type: error instanceof AppError ? 'AppError' : error instanceof Error ? error.name : typeof error,
        });
        return fail(shape);
      }
      const parsedResponse = ref.spec.response.safeParse(response);
      if (!parsedResponse.success) {
        logger.error('ipc.invalid_response', { channel, issues: parsedResponse.error.issues.length });
        return fail(new AppError('IPC_INVALID_RESPONSE', { details: { channel } }).toShape());
      }
      logger.debug('ipc.call', { channel, ms: Math.round(performance.now() - started) });
      return ok(parsedResponse.data);
    },
    subscribe: (listener) => events.subscribe(listener),
  };
}
