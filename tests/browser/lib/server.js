// A tiny static file server for dist/, on 127.0.0.1 and an ephemeral port.
import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".csv": "text/csv; charset=utf-8",
  ".zip": "application/zip",
  ".yaml": "text/yaml; charset=utf-8",
  ".woff2": "font/woff2",
};

/**
 * Serves `root` like GitHub Pages does: `/dir/` → `/dir/index.html`, unknown paths → 404
 * (with `404.html` when the site has one). Every request is recorded in `requests`.
 * @param {string} root
 * @returns {Promise<{ url: string, requests: {method: string, path: string, status: number}[], close: () => Promise<void> }>}
 */
export async function serveDist(root) {
  const base = resolve(root);
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = resolve(join(base, path));
    let status = 200;
    if (file !== base && !file.startsWith(base + sep)) {
      status = 403;
    } else {
      try {
        if ((await stat(file)).isDirectory()) file = join(file, "index.html");
        await stat(file);
      } catch {
        status = 404;
      }
    }
    requests.push({ method: req.method, path, status });
    if (status !== 200) {
      const page = join(base, "404.html");
      const has404 = status === 404 && (await stat(page).catch(() => null))?.isFile();
      res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
      if (has404) createReadStream(page).pipe(res);
      else res.end(`${status}\n`);
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ok);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
