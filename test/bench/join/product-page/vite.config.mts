import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repo = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));

// The same aliases as apps/web/vite.config.ts, so the web app's call code bundles unchanged.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  resolve: {
    alias: [
      { find: '@yiqiao/contracts/sfu', replacement: repo('libs/contracts/src/sfu/index.ts') },
      { find: /^@yiqiao\/domain\/(.*)$/, replacement: repo('libs/domain/src/$1') },
    ],
  },
  build: { outDir: repo('test/bench/.cache/product-page'), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});
