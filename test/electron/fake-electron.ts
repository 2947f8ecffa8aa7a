/**
 * A stand-in for the 'electron' module, just wide enough for the built main
 * process (out/main/index.js) to run under plain Node. It records what the
 * shell asks of Electron so that shell-main.test.ts can check the wiring
 * (order of the pre-ready calls, window options, handlers) without the binary.
 * It proves nothing about Electron itself: hardening.test.ts does that.
 */
import { EventEmitter } from 'node:events';

type AnyFunction = (...args: never[]) => unknown;

/** Notable calls, in order. */
export const calls: string[] = [];

let ready = false;
let markReady: () => void = () => {};
const readyPromise = new Promise<void>((resolve) => {
  markReady = resolve;
});

function beforeReadyOnly(name: string): void {
  if (ready) throw new Error(`${name} must be called before the app is ready`);
}

function afterReadyOnly(name: string): void {
  if (!ready) throw new Error(`${name} cannot be used before the app is ready`);
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  readonly paths = new Map<string, string>([['userData', '/nonexistent/default-user-data']]);
  readonly switches = new Set<string>();
  readonly commandLine = { hasSwitch: (name: string): boolean => this.switches.has(name) };
  exitCode: number | null = null;

  whenReady(): Promise<void> {
    return readyPromise;
  }
  isReady(): boolean {
    return ready;
  }
  setPath(name: string, value: string): void {
    beforeReadyOnly('app.setPath');
    calls.push(`app.setPath:${name}`);
    this.paths.set(name, value);
  }
  getPath(name: string): string {
    const value = this.paths.get(name);
    if (value === undefined) throw new Error(`no path ${name}`);
    return value;
  }
  getVersion(): string {
    return '0.1.0-fake';
  }
  enableSandbox(): void {
    beforeReadyOnly('app.enableSandbox');
    calls.push('app.enableSandbox');
  }
  requestSingleInstanceLock(): boolean {
    calls.push('app.requestSingleInstanceLock');
    return true;
  }
  quit(): void {
    calls.push('app.quit');
    const event = { preventDefault() {} };
    this.emit('before-quit', event);
    this.emit('will-quit', event);
    this.emit('quit', event, 0);
  }
  exit(code = 0): void {
    calls.push(`app.exit:${code}`);
    this.exitCode = code;
  }
}

export const app = new FakeApp();

export function fireReady(): void {
  ready = true;
  calls.push('ready');
  markReady();
}

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, AnyFunction>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    beforeReadyOnly('protocol.registerSchemesAsPrivileged');
    calls.push('protocol.registerSchemesAsPrivileged');
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: AnyFunction): void {
    afterReadyOnly('protocol.handle');
    calls.push(`protocol.handle:${scheme}`);
    protocol.handlers.set(scheme, handler);
  },
};

export class FakeSession extends EventEmitter {
  /** The partition it was made for (session.fromPartition); '' for the default session. */
  partition = '';
  partitionOptions: Record<string, unknown> = {};
  proxy: Record<string, unknown> | null = null;
  userAgent: string | null = null;
  certificateVerify: AnyFunction | null = null;
  cleared = 0;
  permissionRequest: AnyFunction | null = null;
  permissionCheck: AnyFunction | null = null;
  devicePermission: AnyFunction | null = null;
  spellChecker = true;
  /** Session.protocol: the handlers of this session's own schemes (shell/dossier-pdf.ts). */
  readonly protocol = {
    handlers: new Map<string, (request: { url: string }) => Response | Promise<Response>>(),
    handle: (scheme: string, handler: (request: { url: string }) => Response | Promise<Response>): void => {
      this.protocol.handlers.set(scheme, handler);
    },
    unhandle: (scheme: string): void => {
      this.protocol.handlers.delete(scheme);
    },
  };
  readonly webRequest = {
    beforeRequest: null as AnyFunction | null,
    onBeforeRequest: (listener: AnyFunction): void => {
      this.webRequest.beforeRequest = listener;
    },
  };
  setPermissionRequestHandler(handler: AnyFunction): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: AnyFunction): void {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: AnyFunction): void {
    this.devicePermission = handler;
  }
  setSpellCheckerEnabled(enabled: boolean): void {
    this.spellChecker = enabled;
  }
  async setProxy(config: Record<string, unknown>): Promise<void> {
    calls.push(`session.setProxy:${this.partition}`);
    this.proxy = config;
  }
  setUserAgent(userAgent: string): void {
    this.userAgent = userAgent;
  }
  setCertificateVerifyProc(proc: AnyFunction): void {
    this.certificateVerify = proc;
  }
  async clearStorageData(): Promise<void> {
    this.cleared += 1;
  }
  async clearCache(): Promise<void> {
    this.cleared += 1;
  }
}

const defaultSession = new FakeSession();
export const session = {
  get defaultSession(): FakeSession {
    afterReadyOnly('session.defaultSession');
    return defaultSession;
  },
  /** Page captures (shell/page-capture.ts): one in-memory partition each. */
  partitions: [] as FakeSession[],
  fromPartition(partition: string, options: Record<string, unknown> = {}): FakeSession {
    afterReadyOnly('session.fromPartition');
    calls.push(`session.fromPartition:${partition}`);
    const made = new FakeSession();
    made.partition = partition;
    made.partitionOptions = options;
    session.partitions.push(made);
    app.emit('session-created', made);
    return made;
  },
};

/** What capturePage gives: a tiny PNG signature and size, enough for the shell's code path. */
export const CAPTURED_PNG = Buffer.from('89504e470d0a1a0a', 'hex');

/** What printToPDF gives: a one-page PDF skeleton, enough for the shell's code path (the page count is read from it). */
export const PRINTED_PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<</Type /Pages /Kids [2 0 R] /Count 1>>\nendobj\n%%EOF\n', 'latin1');

export class FakeFrame {
  url: string;
  parent: FakeFrame | null;
  constructor(url: string, parent: FakeFrame | null) {
    this.url = url;
    this.parent = parent;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly mainFrame = new FakeFrame('', null);
  readonly sent: unknown[][] = [];
  windowOpenHandler: AnyFunction | null = null;
  session: FakeSession | undefined = undefined;
  webRtcPolicy: string | null = null;
  audioMuted = false;
  loadOptions: unknown = null;
  setWebRTCIPHandlingPolicy(policy: string): void {
    this.webRtcPolicy = policy;
  }
  setAudioMuted(muted: boolean): void {
    this.audioMuted = muted;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  async capturePage(): Promise<{ toPNG(): Buffer; isEmpty(): boolean; getSize(): { width: number; height: number } }> {
    calls.push('webContents.capturePage');
    return { toPNG: () => CAPTURED_PNG, isEmpty: () => false, getSize: () => ({ width: 1280, height: 800 }) };
  }
  /** The options of the last printToPDF (shell/dossier-pdf.ts). */
  printOptions: Record<string, unknown> | null = null;
  async printToPDF(options: Record<string, unknown>): Promise<Buffer> {
    calls.push('webContents.printToPDF');
    this.printOptions = options;
    return PRINTED_PDF;
  }
  setWindowOpenHandler(handler: AnyFunction): void {
    this.windowOpenHandler = handler;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  async loadURL(url: string, options?: unknown): Promise<void> {
    this.mainFrame.url = url;
    this.loadOptions = options ?? null;
    this.emit('did-navigate', {}, url, 200);
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly windows: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.windows];
  }
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  shown = false;
  destroyed = false;
  constructor(options: Record<string, unknown>) {
    super();
    afterReadyOnly('new BrowserWindow');
    this.options = options;
    const preferences = options['webPreferences'] as { session?: FakeSession } | undefined;
    this.webContents.session = preferences?.session;
    BrowserWindow.windows.push(this);
    app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    calls.push(`window.loadURL:${url}`);
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export const ipcMain = {
  handlers: new Map<string, AnyFunction>(),
  handle(channel: string, handler: AnyFunction): void {
    if (ipcMain.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    calls.push(`ipcMain.handle:${channel}`);
    ipcMain.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    ipcMain.handlers.delete(channel);
  },
};

class FakePowerMonitor extends EventEmitter {
  /** What getSystemIdleState answers; tests set it to 'locked' to play the OS screen lock. */
  idleState: 'active' | 'idle' | 'locked' | 'unknown' = 'active';
  getSystemIdleState(idleThreshold: number): 'active' | 'idle' | 'locked' | 'unknown' {
    if (!Number.isInteger(idleThreshold) || idleThreshold < 1) throw new TypeError('idleThreshold must be a positive integer');
    return this.idleState;
  }
  override on(event: string | symbol, listener: (...args: unknown[]) => void): this {
    afterReadyOnly('powerMonitor');
    return super.on(event, listener);
  }
}
export const powerMonitor = new FakePowerMonitor();

export const Menu = {
  current: null as { template: unknown[] } | null,
  buildFromTemplate(template: unknown[]): { template: unknown[] } {
    return { template };
  },
  setApplicationMenu(menu: { template: unknown[] } | null): void {
    Menu.current = menu;
  },
};

export const dialog = {
  errors: [] as string[][],
  showErrorBox(title: string, content: string): void {
    dialog.errors.push([title, content]);
  },
};

/** utilityProcess: the image decoder's process in the app (shell/image-decoder-utility.ts); started only when an image is analysed. */
export const utilityProcess = {
  fork(modulePath: string): EventEmitter & { postMessage(message: unknown): void; kill(): boolean } {
    calls.push(`utilityProcess.fork:${modulePath.split(/[\\/]/).pop()}`);
    return Object.assign(new EventEmitter(), { postMessage: () => {}, kill: () => true });
  },
};
