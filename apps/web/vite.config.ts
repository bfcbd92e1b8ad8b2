import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const libs = (path: string) => fileURLToPath(new URL(`../../libs/${path}`, import.meta.url));

// Only browser-safe parts of the shared libraries are aliased: the socket contract and plain domain constants.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: [
      { find: '@yiqiao/contracts/sfu', replacement: libs('contracts/src/sfu/index.ts') },
      { find: /^@yiqiao\/domain\/(.*)$/, replacement: libs('domain/src/$1') },
    ],
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { port: 5173, host: '127.0.0.1' },
});
