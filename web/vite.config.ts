import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.RAPPORT_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
  server: {
    port: 5173,
    proxy: {
      // The server checks the Origin of auth requests, so the proxy presents the server's own origin.
      // ws: the live notifications socket (/api/v1/live) goes through the same proxy.
      '/api': { target: api, changeOrigin: true, ws: true, headers: { origin: api } },
    },
  },
});
