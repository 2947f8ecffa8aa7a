/**
 * The core services, wired together, with no Electron in sight: the Electron
 * shell, the browser test host and the CLI all drive the workstation through
 * this one object.
 */
export {};
