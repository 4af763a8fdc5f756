import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The web app: index.html at the repo root, built into dist/web, which the server serves.
// In development (`npm run dev:web`) the API runs separately and is proxied.
export default defineConfig({
  plugins: [react()],
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': { target: process.env.TOBIRA_API_URL ?? 'http://localhost:3000', changeOrigin: false },
    },
  },
});
