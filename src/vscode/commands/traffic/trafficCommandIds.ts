// The traffic commands' ids, one place for them: package.json contributes each (with its palette
// entry), the Traffic panel routes its page's buttons to them. No imports, so anything may use it.
export const TRAFFIC_COMMAND = {
  show: 'icws.showTraffic',
  openFile: 'icws.openTraffic',
  save: 'icws.traffic.save',
  exportHar: 'icws.traffic.exportHar',
  exportShownHar: 'icws.traffic.exportShownHar',
  filter: 'icws.traffic.filter',
  clear: 'icws.traffic.clear',
  replay: 'icws.traffic.replay',
  copyAsCurl: 'icws.traffic.copyAsCurl',
  copyAsFetch: 'icws.traffic.copyAsFetch',
  copyAsJson: 'icws.traffic.copyAsJson',
  openInNotebook: 'icws.traffic.openInNotebook',
  openDocumentation: 'icws.traffic.openDocumentation',
  revealEntries: 'icws.traffic.revealEntries',
  saveAsTest: 'icws.traffic.saveAsTest',
} as const;

/** `icws.openTraffic`'s argument that asks with a file dialog even when a traffic file is the active editor (the panel's Open button). */
export const OPEN_WITH_DIALOG = 'dialog';
