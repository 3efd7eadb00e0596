import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './support';

describe('scenario files in the editor (inside VS Code)', () => {
  it('completes and checks a scenario file from the contributed schema', async function () {
    this.timeout(30_000);
    const file = join(mkdtempSync(join(tmpdir(), 'icws-scenario-')), 'day.icws-scenario.json');
    writeFileSync(file, '{\n  "name": "Day",\n  "calls": [{ "at": "soon", "to": "Support" }],\n  \n}\n');
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const completions = await waitFor('completions from the schema', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(3, 2));
      const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      return labels.some((label) => label.includes('agents')) ? labels : undefined;
    }, 20_000);
    assert.ok(completions.some((label) => label.includes('events')), completions.join(', '));
    const problems = await waitFor('a diagnostic for "soon"', () => {
      const found = vscode.languages.getDiagnostics(document.uri);
      return found.length ? found : undefined;
    }, 20_000);
    assert.ok(problems.some((problem) => problem.range.start.line === 2), problems.map((p) => `${p.range.start.line}: ${p.message}`).join('; '));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
