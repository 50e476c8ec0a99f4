import optimizeLocales from '@react-aria/optimize-locales-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

// Main and preload are CommonJS: a sandboxed preload must be, and main shares its output format.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Entries beside index.cjs: the PC/SC host process (main/cards/pcsc-backend.ts) and the store's
      // worker thread (main/store), each started from its own built file.
      lib: {
        entry: {
          index: resolve(__dirname, 'main/index.ts'),
          'pcsc-host': resolve(__dirname, 'main/cards/pcsc-host-entry.ts'),
          'store-worker': resolve(__dirname, 'main/store/worker.ts'),
        },
        formats: ['cjs'],
        fileName: (_format, name) => `${name}.cjs`,
      },
      rollupOptions: { external: ['electron', 'smartcard', 'better-sqlite3-multiple-ciphers'] },
    },
  },
  preload: {
    build: {
      // The sandboxed preload cannot require() packages: bundle everything it uses.
      externalizeDeps: false,
      outDir: 'out/preload',
      lib: { entry: resolve(__dirname, 'preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
      rollupOptions: { external: ['electron'] },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    // React Aria ships strings for ~35 locales; we speak French and English only.
    plugins: [react(), { ...optimizeLocales.vite({ locales: ['fr-FR', 'en-US'] }), enforce: 'pre' }],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
