import path from 'node:path';
import { defineConfig } from 'vite';

/** The browser client: root client/, built into dist/client, which the server serves at `/` (server/http/home.ts). */
export default defineConfig({
  root: path.join(import.meta.dirname, 'client'),
  build: {
    outDir: path.join(import.meta.dirname, 'dist', 'client'),
    emptyOutDir: true,
    // pixi.js is one ~540 kB chunk, loaded only by the projector (screens/open-projector.ts).
    chunkSizeWarningLimit: 700,
  },
  server: { port: 5173 },
});
