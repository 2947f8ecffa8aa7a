/**
 * Passphrase strength policy: at least 12 characters and a zxcvbn score of 3
 * or more, judged against common-password dictionaries and the analyst's own
 * name and service. Enforced here in the core; the UI only shows the verdict.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { MIN_PASSPHRASE_LENGTH, type PassphraseAssessment, type PassphraseProblem } from '../../shared/schemas.ts';
import { AppError } from '../errors.ts';

const MIN_SCORE = 3;
/** zxcvbn's matching grows quickly with length; the tail of a long passphrase adds nothing to the verdict. */
const CHECKED_PREFIX = 100;
const CONTEXT_WORDS = ['iblagh', 'ibl', 'police', 'dgsn', 'maroc', 'morocco', 'workstation', 'analyste', 'superviseur'];

let zxcvbn: ZxcvbnFactory | null = null;

export function assessPassphrase(passphrase: string, context: readonly string[] = []): PassphraseAssessment {
  zxcvbn ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const length = [...passphrase].length;
  const result = zxcvbn.check(passphrase.slice(0, CHECKED_PREFIX), [...CONTEXT_WORDS, ...context.filter(Boolean)]);
  const problems: PassphraseProblem[] = [];
  if (length < MIN_PASSPHRASE_LENGTH) problems.push('too_short');
  if (result.score < MIN_SCORE) problems.push('too_guessable');
  return { score: result.score, acceptable: problems.length === 0, problems };
}

export function requireStrongPassphrase(passphrase: string, context: readonly string[] = []): void {
  const verdict = assessPassphrase(passphrase, context);
  if (!verdict.acceptable) {
    throw new AppError(
      'WEAK_PASSPHRASE',
      `Passphrase refused (${verdict.problems.join(', ')}): use at least ${MIN_PASSPHRASE_LENGTH} characters, for example several unrelated words.`,
    );
  }
}
