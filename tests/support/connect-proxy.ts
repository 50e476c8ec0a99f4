import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ConnectProxy {
  /** `http://127.0.0.1:<port>`, as a desk's configuration names it. */
  readonly url: string;
  /** Tunnels opened to a target (CONNECT answered 200 and piped), in order. */
  readonly tunnels: readonly string[];
  /** CONNECT requests received, refused or not. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/**
 * A loopback HTTPS proxy as clinics run them: it answers CONNECT and then pipes bytes, seeing
 * only the target's name and the encrypted stream. It counts the tunnels it opened, so a test
 * proves the traffic went through it. `refuseWith` makes it answer every CONNECT with that
 * status (407, 403…) instead; any other method is answered 405.
 */
export async function startConnectProxy(options: { refuseWith?: number } = {}): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    requests.push(target);
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (options.refuseWith !== undefined) {
      client.end(`HTTP/1.1 ${options.refuseWith} Refused\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const match = /^([^:]+|\[[^\]]+\]):(\d{1,5})$/.exec(target);
    if (match === null) {
      client.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(Number(match[2]), (match[1] ?? '').replace(/^\[|\]$/g, ''), () => {
      tunnels.push(target);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => {
      client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
