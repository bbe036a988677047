// The front end is built once and embedded in the desktop binary; nothing is loaded from a server.
import { defineConfig } from "vite";

export default defineConfig({
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.40+ (Debian 12, Ubuntu 24.04), WebView2 and WKWebView all run ES2021.
    target: "es2021",
    // Keep CSS and JS as files: the CSP allows no inline styles or scripts.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
