// Shared helpers for the browser tests: where dist/ is, serving it, driving Chromium, and the
// per-file set-up (`browserSuite`) that puts them together.
export { distDir, fileUrl, sameSite } from "./paths.js";
export { serveDist } from "./server.js";
export { launchChromium, watchPage, CHROMIUM } from "./browser.js";
export { browserSuite } from "./suite.js";
