import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

/** A spot pair as the fake lists it. `base` is the exchange's own spelling (`1000SATS`, `XBT`). */
export interface FakePair {
  readonly base: string;
  readonly quote: string;
}

/** What differs per exchange: written from each exchange's documentation (shared/reference/streams.md). */
export interface ExchangeFormat {
  /** Pathname of the REST instrument list. */
  readonly instrumentsPath: string;
  /** The exchange's name for a pair (`SOLUSDT`, `SOL-USD`, `SOL/USD`). */
  pairName(p: FakePair): string;
  instruments(pairs: readonly FakePair[]): unknown;
  priceFrame(pair: string, price: number, time: number): string;
  /** Pairs a new connection carries from its URL (Binance); undefined: pairs come by messages. */
  pairsFromUrl?(url: URL): string[];
  /** Handles a client message; returns what changed for the test to see, and may answer. */
  onMessage(text: string, client: FakeClient): void;
  /** The server's "closing soon" frame, when the exchange has one. */
  shutdownFrame?(): string;
}

export interface FakeClient {
  readonly ws: WebSocket;
  readonly url: URL;
  readonly pairs: Set<string>;
  /** Every text message the client sent. */
  readonly received: string[];
  pongs: number;
}

/**
 * A local exchange: REST instrument list over HTTP and a WebSocket server speaking one exchange's frames.
 * Controls for the failure cases: refuse the handshake with a status, cut, stall, ping, malformed frames.
 */
export class FakeExchange {
  readonly clients: FakeClient[] = [];
  /** Every connection ever accepted, in order. */
  readonly history: FakeClient[] = [];
  /** Answer upgrades with this HTTP status instead (451/403 = refused from this address). */
  refuseStatus: number | undefined;
  handshakes = 0;
  instrumentCalls = 0;
  /** Answer the instrument list with this HTTP status instead (an exchange that does not answer). */
  instrumentsStatus: number | undefined;
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private port = 0;

  constructor(
    readonly format: ExchangeFormat,
    public pairs: FakePair[],
  ) {}

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<this> {
    const wss = new WebSocketServer({ noServer: true });
    this.wss = wss;
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET' && url.pathname === this.format.instrumentsPath) {
        this.instrumentCalls++;
        if (this.instrumentsStatus !== undefined) {
          res.writeHead(this.instrumentsStatus).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(this.format.instruments(this.pairs)));
        return;
      }
      res.writeHead(404).end();
    });
    server.on('upgrade', (req, socket: Duplex, head) => {
      this.handshakes++;
      if (this.refuseStatus !== undefined) {
        socket.end(`HTTP/1.1 ${this.refuseStatus} Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, new URL(req.url ?? '/', 'http://x')));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  private accept(ws: WebSocket, url: URL): void {
    const client: FakeClient = {
      ws,
      url,
      pairs: new Set(this.format.pairsFromUrl?.(url) ?? []),
      received: [],
      pongs: 0,
    };
    this.clients.push(client);
    this.history.push(client);
    ws.on('message', (data) => {
      const text = data.toString();
      client.received.push(text);
      this.format.onMessage(text, client);
    });
    ws.on('pong', () => {
      client.pongs++;
    });
    ws.on('close', () => {
      const i = this.clients.indexOf(client);
      if (i >= 0) this.clients.splice(i, 1);
    });
  }

  /** Sends a price to every connection carrying `pair` (the exchange's name). Returns how many got it. */
  price(pair: string, price: number, time = Date.now()): number {
    let n = 0;
    for (const c of this.clients) {
      if (!c.pairs.has(pair)) continue;
      c.ws.send(this.format.priceFrame(pair, price, time));
      n++;
    }
    return n;
  }

  /** Sends raw text to every connection. */
  broadcast(text: string): void {
    for (const c of this.clients) c.ws.send(text);
  }

  pingAll(): void {
    for (const c of this.clients) c.ws.ping();
  }

  /** A clean close (1001 going away) from the server side. */
  cutAll(code = 1001): void {
    for (const c of [...this.clients]) c.ws.close(code, 'going away');
  }

  /** A dead TCP connection without a close frame. */
  dropAll(): void {
    for (const c of [...this.clients]) c.ws.terminate();
  }

  async stop(): Promise<void> {
    this.dropAll();
    this.wss?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }
}

/** Polls `cond` on the real event loop (socket I/O) until true or `timeoutMs`. */
export async function until(cond: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
