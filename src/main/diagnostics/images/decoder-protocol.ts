/**
 * The messages between the core and the image decoder process (a child
 * process under plain Node, an Electron utility process in the app). The
 * decoder receives bytes only, and answers with what it read.
 */
import type { ImageAnalysis } from './analyse-image.ts';

export interface DecodeRequest {
  id: number;
  bytes: Uint8Array;
}

export type DecodeAnswer = { id: number; ok: true; analysis: ImageAnalysis } | { id: number; ok: false; code: string; message: string };

/** Answers one request; the process entries (child, utility) only wire this to their message port. */
export type DecodeHandler = (request: DecodeRequest) => DecodeAnswer;
