// Real HTTP servers for download tests: nginx serving a temporary directory (its access log says
// how often each path was asked for), and a tiny node server for behaviour nginx cannot script
// (fail once then succeed, stall mid-body).

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const NGINX = '/usr/sbin/nginx';

export interface Nginx {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Files under it are served at `/files/...`. */
  readonly files: string;
  /** How many requests for exactly this path (e.g. `/files/a.txt`) the access log holds. */
  hits(requestPath: string): number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function config(prefix: string, port: number): string {
  const runAsRoot = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `${runAsRoot}daemon off;
master_process off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log;
events { worker_connections 64; }
http {
  log_format plain '$request_uri $status';
  access_log ${prefix}/access.log plain;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${port};
    root ${prefix}/www;
    location /files/ { }
    location /redirect/ { rewrite ^/redirect/(.*)$ /files/$1 redirect; }
    location /broken/ { return 503; }
  }
}
`;
}

async function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startNginx(): Promise<Nginx> {
  const prefix = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-nginx-')));
  fs.mkdirSync(path.join(prefix, 'tmp'));
  const files = path.join(prefix, 'www', 'files');
  fs.mkdirSync(files, { recursive: true });
  // A free port can be taken between asking and binding; try a few.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    fs.writeFileSync(path.join(prefix, 'nginx.conf'), config(prefix, port));
    const child: ChildProcess = spawn(NGINX, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(prefix, 'error.log')], { stdio: 'ignore' });
    let exited = false;
    const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    void exit.then(() => (exited = true));
    for (let wait = 0; wait < 100 && !exited; wait++) {
      if (await canConnect(port)) {
        const accessLog = path.join(prefix, 'access.log');
        return {
          url: `http://127.0.0.1:${port}`,
          files,
          hits(requestPath) {
            if (!fs.existsSync(accessLog)) return 0;
            return fs
              .readFileSync(accessLog, 'utf8')
              .split('\n')
              .filter((line) => line.split(' ')[0] === requestPath).length;
          },
          async stop() {
            child.kill('SIGTERM');
            await exit;
            fs.rmSync(prefix, { recursive: true, force: true });
          },
        };
      }
      await sleep(50);
    }
    child.kill('SIGKILL');
    await exit;
  }
  const log = fs.existsSync(path.join(prefix, 'error.log')) ? fs.readFileSync(path.join(prefix, 'error.log'), 'utf8') : '';
  throw new Error(`nginx did not start: ${log}`);
}

export interface ScriptedServer {
  readonly url: string;
  /** Requests received so far. */
  readonly requests: () => number;
  stop(): Promise<void>;
}

/** A node HTTP server whose n-th request (1-based) is answered by `respond(n, request, response)`. */
export async function startScriptedServer(respond: (n: number, response: http.ServerResponse) => void): Promise<ScriptedServer> {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_request, response) => respond(++count, response));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests: () => count,
    async stop() {
      // Stalled responses would keep close() waiting forever.
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
