import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main and preload are bundled for Electron; the renderer is a plain web build that the
// Electron shell serves from its app:// scheme and the browser test host serves over loopback.
export default defineConfig({
  main: {
    build: {
      // better-sqlite3-multiple-ciphers stays external: it is a native module shipped with
      // Node-API prebuilds, unpacked from the asar by electron-builder.
      externalizeDeps: true,
      // The sync and signature workers are entries of their own: the core starts them as worker threads.
      // The image decoder too: the shell starts it as a utility process (a separate, sandboxed process).
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          'sync-worker': resolve('src/main/sync/worker.ts'),
          'verify-worker': resolve('src/main/sync/verify-worker.ts'),
          'image-decoder': resolve('src/main/diagnostics/images/decoder-child.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require anything but a few Electron modules:
      // bundle it whole, as CommonJS.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      // No inline scripts or styles: the CSP forbids them.
      assetsInlineLimit: 0,
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
