/**
 * Typed calls to the core, derived from the contract. Components use `call`
 * and `subscribe`; they never see the bridge.
 */
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload, IblaghBridge, Result } from '../../../shared/contract.ts';
import { findBridge } from './bridge.ts';

let bridge: IblaghBridge | null = null;

function currentBridge(): IblaghBridge {
  bridge ??= findBridge();
  if (!bridge) throw new Error('No bridge to the workstation core: open this page from Electron or from the URL printed by `npm run web`.');
  return bridge;
}

export function hasBridge(): boolean {
  bridge ??= findBridge();
  return bridge !== null;
}

type Args<K extends ChannelName> = undefined extends ChannelInput<K> ? [input?: ChannelInput<K>] : [input: ChannelInput<K>];

/** Calls a channel; application errors come back as `{ ok: false, error }`, never as exceptions. */
export async function call<K extends ChannelName>(channel: K, ...args: Args<K>): Promise<Result<ChannelOutput<K>>> {
  return (await currentBridge().invoke(channel, args[0])) as Result<ChannelOutput<K>>;
}

/** Listens to an event from the core; returns the unsubscribe function. */
export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return currentBridge().on(event, listener as (payload: unknown) => void);
}

