import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The page's HTML shell: a strict content security policy with a nonce, the bundled script and
 * stylesheet, the codicon font the components draw their icons with, and an empty body the script
 * fills. No data is ever written into this string.
 */
export function trafficPage(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webviews', name));
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; font-src ${webview.cspSource}; img-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css')}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${asset('traffic.css')}">
</head><body><script nonce="${nonce}" src="${asset('traffic.js')}"></script></body></html>`;
}
