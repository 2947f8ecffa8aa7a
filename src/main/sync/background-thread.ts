/**
 * Imported first by the sync's worker threads (worker.ts, verify-worker.ts):
 * the thread lowers its priority before the rest of its modules are
 * evaluated, so that its start, too, leaves the cores to the thread that
 * answers the renderer (background-priority.ts).
 */
import { runInBackground } from './background-priority.ts';

runInBackground();
