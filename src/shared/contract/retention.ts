/**
 * Retention under law 09-08 (issue #13): the supervisor's rules, the preview
 * of what they would remove (counts and dates, no contents), and applying
 * them, audited with counts only.
 */
import { RetentionApplyInput, RetentionApplyResult, RetentionPreview, RetentionSettings } from '../retention.ts';
import { channel, None } from './channel.ts';

export const retentionChannels = {
  /** The retention rules (all off by default). */
  'retention.settings': channel({ input: None, output: RetentionSettings, errors: ['LOCKED', 'FORBIDDEN'], access: 'supervisor' }),
  /** Replaces the rules; M must exceed N, and a case rule needs the report rule. Recorded. */
  'retention.updateSettings': channel({ input: RetentionSettings, output: RetentionSettings, errors: ['LOCKED', 'FORBIDDEN', 'INVALID_INPUT'], access: 'supervisor' }),
  /** What applying the rules now would remove: counts per kind, oldest and newest dates. */
  'retention.preview': channel({ input: None, output: RetentionPreview, errors: ['LOCKED', 'FORBIDDEN'], access: 'supervisor' }),
  /** Applies the rules now (erasure, purge, then checkpoint and VACUUM). Recorded with counts only. */
  'retention.apply': channel({ input: RetentionApplyInput, output: RetentionApplyResult, errors: ['LOCKED', 'FORBIDDEN', 'INVALID_INPUT'], access: 'supervisor' }),
} as const;
