import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { IcwsSession, StatusMessage } from '../../icws';

const EXTENSIONS: Record<string, string> = { 'image/svg+xml': 'svg', 'image/png': 'png', 'image/gif': 'gif', 'image/jpeg': 'jpg', 'image/x-icon': 'ico', 'image/vnd.microsoft.icon': 'ico' };

/**
 * The server's own status icons, for the status quick pick. Each is fetched once through the
 * session (the icon URL is on the server, behind its cookie), only from the session's own server,
 * and kept in the extension's storage, where VS Code can show it. An icon that cannot be had
 * leaves the caller to fall back to a codicon.
 */
export class StatusIcons {
  private readonly known = new Map<string, Promise<vscode.Uri | undefined>>();

  constructor(private readonly storage: vscode.Uri) {}

  iconFor(session: IcwsSession, message: StatusMessage): Promise<vscode.Uri | undefined> {
    if (!message.iconUri) return Promise.resolve(undefined);
    const key = `${session.server}|${message.iconUri}`;
    let icon = this.known.get(key);
    if (!icon) {
      icon = this.fetch(session, message.iconUri, key).catch(() => undefined);
      this.known.set(key, icon);
    }
    return icon;
  }

  private async fetch(session: IcwsSession, iconUri: string, key: string): Promise<vscode.Uri | undefined> {
    const { contentType, bytes } = await session.http.fetchBytes(iconUri, 'reading a status icon');
    const extension = EXTENSIONS[contentType.split(';')[0]!.trim().toLowerCase()];
    // Only images, and small ones: the bytes come from the server and are shown as an image only.
    if (!extension || bytes.length > 64 * 1024) return undefined;
    const folder = vscode.Uri.joinPath(this.storage, 'status-icons');
    await vscode.workspace.fs.createDirectory(folder);
    const file = vscode.Uri.joinPath(folder, `${createHash('sha256').update(key).digest('hex').slice(0, 16)}.${extension}`);
    await vscode.workspace.fs.writeFile(file, bytes);
    return file;
  }
}
