// Serves the static build in out/ (npm start). No dependencies: node:http and a MIME table.
// PORT sets the port (default 3000); OUT_DIR the folder (default out/). Unknown paths get out/404.html.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const root = path.resolve(process.env.OUT_DIR ?? 'out');
const port = Number(process.env.PORT ?? 3000);

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
};

if (!existsSync(path.join(root, 'index.html'))) {
  console.error(`No static build in ${root}: run \`npm run build\` first (or \`npm start\`, which builds and serves).`);
  process.exit(1);
}

/** The file a URL path names: /zh/ → out/zh/index.html; never anything outside out/. */
function resolveFile(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  for (const candidate of [file, path.join(file, 'index.html'), `${file}.html`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  // trailingSlash: a directory without its slash redirects, so relative links resolve.
  const file = resolveFile(url.pathname);
  if (file && file.endsWith(`${path.sep}index.html`) && !url.pathname.endsWith('/') && !url.pathname.endsWith('.html')) {
    response.writeHead(308, { Location: `${url.pathname}/${url.search}` }).end();
    return;
  }
  const status = file ? 200 : 404;
  const served = file ?? path.join(root, '404.html');
  const type = MIME[path.extname(served).toLowerCase()] ?? 'application/octet-stream';
  const immutable = served.includes(`${path.sep}_next${path.sep}static${path.sep}`);
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': statSync(served).size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(served).pipe(response);
});

server.listen(port, () => {
  const address = server.address();
  console.log(`Live LLM Book: http://localhost:${typeof address === 'object' && address ? address.port : port}/`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
