// Node's HTTP parser rejects methods it does not know, and Vault's LIST is one
// of them, so the fake speaks just enough HTTP/1.1 itself: one request per
// connection, Content-Length or chunked bodies, `Connection: close` answers.
import { createServer, type Server, type Socket } from 'node:net';

export interface WireRequest {
  readonly method: string;
  /** The request target: path and query. */
  readonly target: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface WireResponse {
  readonly status: number;
  /** JSON-encoded when given; omitted for 204. */
  readonly body?: unknown;
}

const reasons: Record<number, string> = {
  200: 'OK',
  204: 'No Content',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The decoded body of a chunked transfer, or undefined while chunks are still arriving. */
function dechunk(raw: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(raw.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return Buffer.alloc(0);
    if (size === 0) return Buffer.concat(parts);
    const start = lineEnd + 2;
    if (raw.length < start + size + 2) return undefined;
    parts.push(raw.subarray(start, start + size));
    at = start + size + 2;
  }
}

/** A complete request from the bytes so far, or undefined when more are needed. */
function parseRequest(buffer: Buffer): WireRequest | undefined {
  const headEnd = buffer.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [requestLine = '', ...headerLines] = buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
  const [method = '', target = '/'] = requestLine.split(' ');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = buffer.subarray(headEnd + 4);
  let body: Buffer | undefined;
  if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) body = dechunk(rest);
  else {
    const length = Number(headers['content-length'] ?? '0');
    body = rest.length >= length ? rest.subarray(0, length) : undefined;
  }
  return body === undefined ? undefined : { method, target, headers, body: body.toString('utf8') };
}

function writeResponse(socket: Socket, response: WireResponse): void {
  const payload = response.status === 204 || response.body === undefined ? '' : JSON.stringify(response.body);
  const head = [
    `HTTP/1.1 ${response.status} ${reasons[response.status] ?? 'Status'}`,
    'Content-Type: application/json',
    ...(response.status === 204 ? [] : [`Content-Length: ${Buffer.byteLength(payload)}`]),
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${payload}`);
}

/** A TCP server answering each connection's single HTTP request with handler's response. */
export function serveHttp(handler: (request: WireRequest) => WireResponse): { server: Server; sockets: Set<Socket> } {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer = Buffer.alloc(0);
    let answered = false;
    socket.on('data', (chunk: Buffer) => {
      if (answered) return;
      buffer = Buffer.concat([buffer, chunk]);
      const request = parseRequest(buffer);
      if (request === undefined) return;
      answered = true;
      let response: WireResponse;
      try {
        response = handler(request);
      } catch (err) {
        response = { status: 500, body: { errors: [`fake vault: ${(err as Error).message}`] } };
      }
      writeResponse(socket, response);
    });
  });
  return { server, sockets };
}
