/**
 * A minimal application menu. Replaces Electron's default, whose Help menu
 * opens remote pages. DevTools only in unpackaged builds.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function installMenu(options: { devTools: boolean }): void {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(options.devTools ? [{ role: 'toggleDevTools' } as const] : []),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
