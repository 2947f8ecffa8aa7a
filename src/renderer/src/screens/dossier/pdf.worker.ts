/**
 * pdf.js's worker, bundled by Vite into the renderer's own assets and started
 * as a module worker from the app's origin (the CSP's worker-src 'self'): it
 * parses the preview's PDF off the main thread. Importing it is enough: it
 * answers on `self` when it finds itself in a worker.
 */
import 'pdfjs-dist/build/pdf.worker.mjs';
