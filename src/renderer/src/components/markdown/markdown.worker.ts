/**
 * The Markdown parser's worker (see noteParser.ts): parses one note at a time
 * with parseNote and posts back the safe tree, plain data. It holds no state
 * between notes; the page terminates it when a parse runs past its deadline.
 */
// First: the parser's entity decoder needs it as soon as it loads.
import './workerDocument.ts';
import { parseNote } from '../../../../shared/text/markdown.ts';
import type { WorkerReply, WorkerRequest } from './noteParser.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(reply: WorkerReply): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event) => {
  const request = event.data as Partial<WorkerRequest> | null;
  if (typeof request?.id !== 'number' || typeof request.source !== 'string') return;
  let reply: WorkerReply;
  try {
    reply = { type: 'result', id: request.id, document: parseNote(request.source) };
  } catch {
    reply = { type: 'failed', id: request.id };
  }
  scope.postMessage(reply);
};

scope.postMessage({ type: 'ready' });
