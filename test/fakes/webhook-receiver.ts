import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

/** One request the receiver saw, with the reference verifier's verdict. */
export interface ReceivedHook {
  readonly path: string;
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The standardwebhooks reference verifier accepted the signature with the secret registered for the path. */
  readonly verified: boolean;
  readonly at: number;
}

/** What a path answers: a status (and optional headers). Default 200. */
export type Answer = { readonly status: number; readonly headers?: Record<string, string> };

/**
 * A local webhook receiver (tests and the benchmark): records every request and verifies its Standard
 * Webhooks signature with the reference implementation (`standardwebhooks` Webhook.verify) and the secret
 * registered for the request's path. Answers per path (`answer`), default 200.
 */
export interface WebhookReceiver {
  readonly url: string;
  readonly port: number;
  readonly received: ReceivedHook[];
  /** TCP connections accepted so far (keep-alive reuse shows as fewer connections than requests). */
  connections(): number;
  /** Registers the signing secret of a path (e.g. the one `/webhook add` replied with). */
  secret(path: string, secret: string): void;
  answer(path: string, a: Answer | ((n: number) => Answer)): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const secrets = new Map<string, string>();
  const answers = new Map<string, Answer | ((n: number) => Answer)>();
  const counts = new Map<string, number>();
  const received: ReceivedHook[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const body = Buffer.concat(chunks).toString('utf8');
      const secret = secrets.get(path);
      let verified = false;
      if (secret !== undefined) {
        try {
          new Webhook(secret).verify(body, req.headers as Record<string, string>);
          verified = true;
        } catch {
          verified = false;
        }
      }
      received.push({ path, method: req.method ?? '', headers: req.headers, body, verified, at: Date.now() });
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      const a = answers.get(path);
      const ans = typeof a === 'function' ? a(n) : (a ?? { status: 200 });
      res.writeHead(ans.status, ans.headers ?? {});
      res.end('ok');
    });
  });
  server.keepAliveTimeout = 5000; // Node's default; undici keeps a connection only when the hint exceeds 1 s
  let connections = 0;
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    connections: () => connections,
    secret: (path, s) => void secrets.set(path, s),
    answer: (path, a) => void answers.set(path, a),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
