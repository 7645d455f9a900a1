import type {
  IncomingMessage,
  OutgoingHttpHeaders,
  Server,
  ServerResponse,
} from 'node:http';

/** Where and as what a local stand-in listens. */
export interface ListenOptions {
  /** Loopback address; 127.0.0.1 unless given. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** Shown in errors, for example "simulated Genesys Cloud org". */
  name: string;
  /** The setting that chooses the port, named in the port-in-use error. */
  portSetting?: string;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/** Listens and resolves with the base URL, without a trailing slash. */
export function listen(
  server: Server,
  options: ListenOptions,
): Promise<string> {
  const host = options.host ?? '127.0.0.1';

  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') return reject(error);
      const hint = options.portSetting
        ? ` Set ${options.portSetting} to a free port.`
        : '';
      const message =
        `${options.name} cannot listen on ${host}:${options.port}: ` +
        `the port is already in use.${hint}`;
      reject(new PortInUseError(message, { cause: error }));
    };

    server.once('error', onError);
    server.listen(options.port, host, () => {
      server.off('error', onError);
      const address = server.address();
      const port = typeof address === 'object' ? address?.port : options.port;
      resolve(`http://${host}:${port}`);
    });
  });
}

/** Closes the server and every connection it still holds. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** Parses a JSON request body; undefined when it is empty or not JSON. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
