import optimizeLocales from '@react-aria/optimize-locales-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

// Main and preload are CommonJS: a sandboxed preload must be, and main shares its output format.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The PC/SC host is forked as its own process (main/cards/pcsc-backend.ts finds it next to index.cjs).
      lib: {
        entry: {
          index: resolve(__dirname, 'main/index.ts'),
          'pcsc-host': resolve(__dirname, 'main/cards/pcsc-host-entry.ts'),
        },
        formats: ['cjs'],
        fileName: (_format, name) => `${name}.cjs`,
      },
      rollupOptions: { external: ['electron', 'smartcard'] },
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
