/**
 * Imported first by the renderer's entry: zod must not probe `new Function`
 * (its fast path), which the CSP forbids and reports as a violation on every
 * load. Interpreted validation is what this page gets.
 */
import { z } from 'zod';

z.config({ jitless: true });
