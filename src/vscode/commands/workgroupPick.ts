import * as vscode from 'vscode';
import { type IcwsSession, listWorkgroups } from '../../icws';
import { type WorkgroupChoice, workgroupChoices } from './workgroupChoices';

/**
 * A workgroup name: picked from the server's workgroups (read as the pick opens; it stays usable
 * while they load or if they cannot be read), or typed. Undefined when the user cancels.
 */
export function pickWorkgroup(session: IcwsSession, title: string): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<WorkgroupChoice & vscode.QuickPickItem>();
  pick.title = title;
  pick.placeholder = 'Workgroup: pick one, or type its name';
  pick.ignoreFocusOut = true;
  pick.busy = true;
  let names: readonly string[] = [];
  const refresh = () => (pick.items = workgroupChoices(names, pick.value));
  void listWorkgroups(session.http)
    .then(
      (listed) => (names = listed),
      () => (pick.placeholder = 'Workgroup name (the server’s list could not be read: type the name)'),
    )
    .finally(() => {
      pick.busy = false;
      refresh();
    });
  return new Promise((resolve) => {
    pick.onDidChangeValue(refresh);
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0];
      if (!chosen || chosen.problem) return;
      resolve(chosen.name);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
