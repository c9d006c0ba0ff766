/**
 * The admin page's build: a static single-page app for CloudBase static hosting (and the emulator) at `/`, talking
 * only to `/api/admin` on the same origin. Screens are TSX rendered by Vue's own JSX runtime, so `tsc` typechecks
 * every template; each screen is its own chunk, and TDesign components are imported one by one.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'vue' } },
  define: {
    // Vue's compile-time flags for a production bundle without the options API devtools extras.
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // ECharts is one lazy chunk of ~300 kB raw (≈100 kB gzip), loaded by the dashboard only.
    chunkSizeWarningLimit: 700,
  },
  // `npm start` runs the emulator on 9100; `vite` in admin/ serves the page with hot reload and forwards the API.
  server: { port: 5173, proxy: { '/api/admin': 'http://127.0.0.1:9100' } },
});
