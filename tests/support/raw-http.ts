import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';

/**
 * Sends bytes exactly as given (no client library normalizing the request line or headers) and
 * resolves with the status code of the answer, or 0 when the server closed without one.
 */
export function rawHttp(
  port: number,
  request: string | Buffer,
  options: { tls?: ConnectionOptions; timeoutMs?: number } = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket: Socket =
      options.tls === undefined
        ? netConnect({ host: '127.0.0.1', port })
        : tlsConnect({ host: '127.0.0.1', port, ...options.tls });
    const chunks: Buffer[] = [];
    const done = (): void => {
      clearTimeout(timer);
      const head = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      resolve(match === null ? 0 : Number(match[1]));
    };
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${options.timeoutMs ?? 5000} ms`));
    }, options.timeoutMs ?? 5000);
    socket.on(options.tls === undefined ? 'connect' : 'secureConnect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // One answer is enough: close rather than wait for a keep-alive timeout.
      if (/\r\n\r\n/.test(Buffer.concat(chunks).toString('latin1'))) socket.end();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', done);
  });
}
