import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { useScratch } from '../../support/scratch';
import { waitFor } from '../../support/waitFor';
import { extensionApi } from './support';

describe('scenario files in the editor (inside VS Code)', () => {
  const scratch = useScratch('scenarios');

  it('completes and checks a scenario file from the contributed schema', async function () {
    this.timeout(30_000);
    const file = join(scratch(), 'day.icws-scenario.json');
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

  it('runs the open scenario file in the embedded simulator, connected, until every call has arrived', async function () {
    this.timeout(30_000);
    const api = await extensionApi();
    const file = join(scratch(), 'short.icws-scenario.yaml');
    writeFileSync(file, 'name: Short\nagents:\n  agent2: { answerAfter: 1s, talkFor: 2s }\ncalls:\n  - at: 0.5s\n    to: agent1\n    name: Scenario Caller\n    repeat: { count: 3, every: 1s }\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    assert.equal(await vscode.commands.executeCommand('icws.runScenario', undefined, { speed: 5 }), true);
    const runner = await waitFor('the scenario running', () => api.simulator.instance?.scenario);
    await waitFor('connected to it', () => api.sessions.session?.server === api.simulator.url);
    await waitFor('every call arrived', () => runner.progress.finished, 10_000);
    await waitFor('the calls in my queue', () => api.sessions.session!.queues.cache.allInteractions().filter((i) => i.attributes.eic_remotename === 'Scenario Caller').length >= 1, 5_000);
    await vscode.commands.executeCommand('icws.stopSimulator');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('refuses a wrong scenario file with its line and field, and starts nothing', async () => {
    const api = await extensionApi();
    const lines: string[] = [];
    const tee = api.log.tee(({ line }) => lines.push(line));
    try {
      const file = join(scratch(), 'bad.icws-scenario.yaml');
      writeFileSync(file, 'name: Bad\ncalls:\n  - at: later\n    to: Support\n');
      assert.equal(await vscode.commands.executeCommand('icws.runScenario', vscode.Uri.file(file)), false);
      assert.ok(lines.some((line) => /bad\.icws-scenario\.yaml, line 3, field "calls\.0\.at"/.test(line)), lines.join('\n'));
      assert.equal(api.simulator.isRunning, false);
    } finally {
      tee.dispose();
    }
  });
});
