// Completion and diagnostics for what a request cell says beyond its request: expectation lines
// (`> status`, `> body…`, `> message TYPE within …`, message types and their fields from the
// catalog's contracts), `# @name` / `# @session`, and references to other cells (a positional
// `{{cell:N…}}` is flagged: a cell inserted above shifts it).
import * as vscode from 'vscode';
import type { IcwsCatalog } from '../../../icws/catalog/IcwsCatalog';
import { shortMessageType } from '../../../icws/messages';
import { readDirectives, referenceProblems, type SourceProblem } from '../../../icws/notebook/cellDirectives';
import { messageContract, parseExpectation, propertyNames, typeAtPath } from '../../../icws/notebook/expectations';
import { blankReferences, CellProblem, fullPath, parseCell } from '../../../icws/notebook/requestCell';
import { REQUEST_LANGUAGE } from './IcwsNotebookSerializer';

export function registerExpectationLanguage(catalog: () => IcwsCatalog): vscode.Disposable {
  const diagnostics = vscode.languages.createDiagnosticCollection('icws-cell-lines');
  const checkNotebook = (notebook: vscode.NotebookDocument) => notebook.getCells().forEach((cell) => cell.kind === vscode.NotebookCellKind.Code && check(cell.document));
  const check = (document: vscode.TextDocument) => {
    if (document.languageId !== REQUEST_LANGUAGE) return;
    diagnostics.set(document.uri, diagnose(document, catalog()));
  };
  const completion = vscode.languages.registerCompletionItemProvider({ language: REQUEST_LANGUAGE }, { provideCompletionItems: (document, position) => complete(document, position, catalog()) }, '>', ' ', '.');
  vscode.workspace.notebookDocuments.forEach(checkNotebook);
  return vscode.Disposable.from(
    diagnostics,
    completion,
    vscode.workspace.onDidOpenNotebookDocument(checkNotebook),
    // A cell inserted or removed changes what every positional reference means.
    vscode.workspace.onDidChangeNotebookDocument((event) => (event.contentChanges.length ? checkNotebook(event.notebook) : undefined)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      const notebook = notebookOf(event.document);
      if (notebook) checkNotebook(notebook);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => diagnostics.delete(document.uri)),
  );
}

function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  return vscode.workspace.notebookDocuments.find((notebook) => notebook.getCells().some((cell) => cell.document === document));
}

function diagnose(document: vscode.TextDocument, catalog: IcwsCatalog): vscode.Diagnostic[] {
  const problems: SourceProblem[] = [];
  const text = document.getText();
  text.split(/\r?\n/).forEach((line, index) => {
    if (!/^\s*>/.test(line)) return;
    try {
      const expectation = parseExpectation(line.replace(/^\s*>/, '').trim(), index);
      if (expectation.kind !== 'message') return;
      const contract = messageContract(catalog, expectation.messageType);
      const typeAt = line.indexOf(expectation.messageType);
      if (!contract) problems.push({ line: index, start: typeAt, end: typeAt + expectation.messageType.length, severity: 'warning', message: `${expectation.messageType} is not a message type of the ICWS API` });
      else if (expectation.where) {
        const names = propertyNames(expectation.where.pathText);
        const known = typeAtPath(catalog, contract.urn, names).unknownAt;
        const pathAt = line.indexOf(expectation.where.pathText);
        if (known >= 0) problems.push({ line: index, start: pathAt, end: pathAt + expectation.where.pathText.length, severity: 'warning', message: `${contract.name} has no ${names.slice(0, known + 1).join('.')}` });
      }
    } catch (error) {
      if (error instanceof CellProblem) problems.push({ line: index, start: line.indexOf('>'), end: line.length, severity: 'error', message: error.message });
    }
  });
  problems.push(...readDirectives(text).problems);
  const notebook = notebookOf(document);
  if (notebook) {
    const cells = notebook.getCells().map((cell) => ({ kind: cell.kind === vscode.NotebookCellKind.Code ? ('request' as const) : ('markdown' as const), source: cell.document.getText() }));
    const index = notebook.getCells().findIndex((cell) => cell.document === document);
    if (index >= 0) problems.push(...referenceProblems(cells, index));
  }
  return problems.map((problem) => {
    const diagnostic = new vscode.Diagnostic(new vscode.Range(problem.line, Math.max(0, problem.start), problem.line, problem.end), problem.message, problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
    diagnostic.source = 'ICWS';
    return diagnostic;
  });
}

function complete(document: vscode.TextDocument, position: vscode.Position, catalog: IcwsCatalog): vscode.CompletionItem[] {
  const line = document.lineAt(position.line).text.slice(0, position.character);
  if (!/^\s*>/.test(line)) return [];
  const typed = line.replace(/^\s*>\s*/, '');
  if (/^\w*$/.test(typed)) {
    return [
      ['status ', 'the answer’s status: > status 201'],
      ['body.', 'a value in the answer: > body.consultId exists'],
      ['message ', 'a message within a window: > message queueContentsMessage within 2s where …'],
      ['no message ', 'no such message within a window'],
    ].map(([keyword, detail]) => Object.assign(new vscode.CompletionItem(keyword!.trim(), vscode.CompletionItemKind.Keyword), { insertText: keyword, detail }));
  }
  if (/^(no\s+)?message\s+\S*$/.test(typed)) {
    return catalog.messageContracts().map((contract) => Object.assign(new vscode.CompletionItem(shortMessageType(contract.urn), vscode.CompletionItemKind.Event), { detail: contract.urn }));
  }
  const where = /^(?:no\s+)?message\s+(\S+)\s+within\s+\S+\s+where\s+(\S*)$/.exec(typed);
  if (where) {
    const contract = messageContract(catalog, where[1]!);
    return contract ? fieldsAfter(catalog, contract.urn, where[2]!) : [];
  }
  const body = /^body((?:\.[\w$-]*|\[[^\]]*\])*)$/.exec(typed);
  if (body) {
    let answerType: string | undefined;
    try {
      const cell = parseCell(document.getText());
      answerType = catalog.match(cell.method, fullPath(blankReferences(cell.path)))?.operation.response;
    } catch {
      return [];
    }
    return answerType ? fieldsAfter(catalog, answerType, body[1]!.replace(/^\./, '')) : [];
  }
  return [];
}

/** The properties that may follow a path being typed (`interactionsChanged[…].attr` → attributes, …). */
function fieldsAfter(catalog: IcwsCatalog, root: string, typedPath: string): vscode.CompletionItem[] {
  const names = propertyNames(typedPath);
  if (!typedPath.endsWith('.') && names.length > 0 && !typedPath.endsWith(']')) names.pop();
  const { type } = typeAtPath(catalog, root, names);
  const contract = type ? catalog.contract(type) : undefined;
  return (contract?.properties ?? []).map((property) => Object.assign(new vscode.CompletionItem(property.name, vscode.CompletionItemKind.Field), { detail: property.type }));
}
