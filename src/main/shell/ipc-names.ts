/**
 * The two Electron IPC channel names. The preload spells the same strings
 * (it may import nothing but 'electron' and the contract); a unit test keeps
 * both sides equal.
 */
export const IPC_INVOKE = 'iblagh:invoke';
export const IPC_EVENT = 'iblagh:event';
