/** The application itself and the store's state: what any screen may ask. */
import { AppInfo, StoreStatus } from '../schemas.ts';
import { channel, None } from './channel.ts';

export const appChannels = {
  'app.info': channel({ input: None, output: AppInfo, errors: [], access: 'locked' }),
  'store.status': channel({ input: None, output: StoreStatus, errors: ['LOCKED'], access: 'analyst' }),
} as const;
