// Where the built site is and how its pages are addressed from the tests.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));

/** The built site: $PORTOLAN_DIST, else the repository's dist/. Fails if it is not built. */
export function distDir() {
  const dir = resolve(process.env.PORTOLAN_DIST ?? join(HERE, "..", "..", "..", "dist"));
  if (!existsSync(join(dir, "index.html"))) {
    throw new Error(`no site in ${dir}: run \`cargo xtask site\` first (or set PORTOLAN_DIST)`);
  }
  return dir;
}

/** `file://` URL of a page in dist/. */
export function fileUrl(dist, page) {
  return pathToFileURL(join(dist, page)).href;
}

/** True for URLs inside `dist` (file://) or on `origin` (http://127.0.0.1:port/). */
export function sameSite(dist, origin) {
  const fileBase = pathToFileURL(dist).href + "/";
  return (url) => url.startsWith(fileBase) || (origin !== undefined && url.startsWith(origin));
}
