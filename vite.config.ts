import path from 'node:path';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

/**
 * The browser client: root client/, built into dist/client, which the server serves at `/`
 * (server/http/home.ts). Every text file is also written pre-compressed (`.br` and `.gz`
 * beside it), so the server sends brotli or gzip without compressing on each request.
 */
export default defineConfig({
  root: path.join(import.meta.dirname, 'client'),
  plugins: [compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 512, logLevel: 'silent' })],
  build: {
    outDir: path.join(import.meta.dirname, 'dist', 'client'),
    emptyOutDir: true,
    // pixi.js is one ~540 kB chunk, loaded only by the projector (screens/open-projector.ts).
    chunkSizeWarningLimit: 700,
  },
  server: { port: 5173 },
});
