/**
 * Imported first by the signature verifier's thread (verify-worker.ts): the
 * thread lowers its priority before the rest of its modules are evaluated, so
 * that its start, too, leaves the cores to the thread that answers the
 * renderer (background-priority.ts).
 */
import { runInBackground } from './background-priority.ts';

runInBackground();
