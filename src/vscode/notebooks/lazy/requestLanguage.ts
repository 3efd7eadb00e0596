// Completion, hover and diagnostics for request cells, from the catalog: the API's own operations
// and contracts. Paths complete segment by segment; a body completes property names and enum
// values of its contract; unknown and missing properties, wrong types, a path that is not an
// operation, and a feature the server does not have are flagged before anything is sent.
import { findNodeAtLocation, getLocation, type Node as JsonNode, parseTree, type ParseError, printParseErrorCode } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { CatalogOperation, IcwsCatalog } from '../../../icws/catalog/IcwsCatalog';
import { type FeatureRequirement, type FeatureSet, REQUIRES } from '../../../icws/features';
import { documentationUrl } from '../../../icws/catalog/documentation';
import { nestedTooDeep, textNestsDeeperAt } from '../../../icws/jsonDepth';
import { blankReferences, fullPath, METHODS, parseCell } from '../../../icws/notebook/requestCell';
import { REQUEST_LANGUAGE } from './IcwsNotebookSerializer';

const SELECTOR: vscode.DocumentSelector = { language: REQUEST_LANGUAGE };

/** The request line and body of a cell document, with where each starts. */
interface CellText {
  method: string;
  path: string;
  requestLine: number;
  bodyText: string;
  /** Offset of the body in the document. */
  bodyOffset: number;
  operation?: CatalogOperation;
}

function cellText(document: vscode.TextDocument, catalog: IcwsCatalog): CellText | undefined {
  try {
    const cell = parseCell(document.getText());
    const bodyOffset = offsetOfLine(document, cell.bodyLine);
    const operation = catalog.match(cell.method, fullPath(blankReferences(cell.path)))?.operation;
    return { method: cell.method, path: cell.path, requestLine: cell.requestLine, bodyText: bodyTextAt(document, bodyOffset), bodyOffset, ...(operation ? { operation } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * The body as the editor checks it: the text after the request line with its expectation lines
 * (`> status 201`) blanked to spaces, so they are not read as JSON and every offset stays the
 * document's.
 */
function bodyTextAt(document: vscode.TextDocument, bodyOffset: number): string {
  return document.getText().slice(bodyOffset).replace(/^[ \t]*>.*$/gm, (line) => ' '.repeat(line.length));
}

/** Where a line starts in the document (its end when the line is past the last). */
function offsetOfLine(document: vscode.TextDocument, line: number): number {
  return line < document.lineCount ? document.offsetAt(new vscode.Position(line, 0)) : document.getText().length;
}

/** The contract type at a JSON path under `type` (`string[]` → its item type, a URN → its property's type). */
function typeAt(catalog: IcwsCatalog, type: string, path: (string | number)[]): string | undefined {
  let current: string | undefined = type;
  for (const key of path) {
    if (!current) return undefined;
    if (typeof key === 'number') current = current.endsWith('[]') ? current.slice(0, -2) : undefined;
    else if (current.endsWith('{}')) current = current.slice(0, -2);
    else current = catalog.contract(current)?.properties.find((p) => p.name === key)?.type;
  }
  return current;
}

export function registerRequestLanguage(catalog: () => IcwsCatalog, features: () => FeatureSet | undefined): vscode.Disposable {
  const diagnostics = vscode.languages.createDiagnosticCollection('icws-request');
  const check = (document: vscode.TextDocument) => {
    if (document.languageId === REQUEST_LANGUAGE) diagnostics.set(document.uri, diagnose(document, catalog(), features()));
  };
  const completion = vscode.languages.registerCompletionItemProvider(SELECTOR, { provideCompletionItems: (document, position) => complete(document, position, catalog()) }, '/', '"', ' ');
  const hover = vscode.languages.registerHoverProvider(SELECTOR, { provideHover: (document, position) => hoverAt(document, position, catalog()) });
  vscode.workspace.textDocuments.forEach(check);
  return vscode.Disposable.from(
    diagnostics,
    completion,
    hover,
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument((event) => check(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => diagnostics.delete(document.uri)),
  );
}

// ---- completion ----------------------------------------------------------------------------------

function complete(document: vscode.TextDocument, position: vscode.Position, catalog: IcwsCatalog): vscode.CompletionItem[] {
  const cell = cellText(document, catalog);
  const line = document.lineAt(position.line).text.slice(0, position.character);
  if (!cell || position.line <= cell.requestLine) return completeRequestLine(line, catalog);
  if (!cell.operation?.request) return [];
  return completeBody(document, position, cell, cell.operation.request, catalog);
}

function completeRequestLine(line: string, catalog: IcwsCatalog): vscode.CompletionItem[] {
  const request = /^\s*([A-Za-z]*)(\s+(\S*))?$/.exec(line);
  if (!request) return [];
  if (request[2] === undefined) return METHODS.map((method) => Object.assign(new vscode.CompletionItem(method, vscode.CompletionItemKind.Keyword), { insertText: `${method} ` }));
  const method = request[1]!.toUpperCase();
  const known = METHODS.includes(method as never) ? method : '';
  return catalog.nextSegments(known, request[3] ?? '').map(({ segment, last, operations }) => {
    const item = new vscode.CompletionItem(last ? segment : `${segment}/`, last ? vscode.CompletionItemKind.Method : vscode.CompletionItemKind.Folder);
    if (last) item.detail = operations.map((operation) => `${operation.method} ${operation.module} ${operation.name}`).join(', ');
    item.sortText = `${segment.startsWith('{') ? '1' : '0'}${segment}`;
    return item;
  });
}

function completeBody(document: vscode.TextDocument, position: vscode.Position, cell: CellText, requestType: string, catalog: IcwsCatalog): vscode.CompletionItem[] {
  const offset = document.offsetAt(position) - cell.bodyOffset;
  const bodyText = blankReferences(cell.bodyText);
  // A body nested too deep has its diagnostic; jsonc-parser's walk would overflow the stack on it.
  if (textNestsDeeperAt(bodyText) !== undefined) return [];
  const location = getLocation(bodyText, offset);
  if (location.isAtPropertyKey) {
    const type = typeAt(catalog, requestType, location.path.slice(0, -1));
    const contract = type ? catalog.contract(type) : undefined;
    if (!contract) return [];
    const inString = location.previousNode?.type === 'string';
    return contract.properties.map((property) => {
      const item = new vscode.CompletionItem(property.name, vscode.CompletionItemKind.Property);
      item.detail = `${property.type}${property.required ? ' (required)' : ''}`;
      item.insertText = inString ? property.name : `"${property.name}": `;
      item.sortText = `${property.required ? '0' : '1'}${property.name}`;
      return item;
    });
  }
  const type = typeAt(catalog, requestType, location.path);
  const values = type ? catalog.contract(type)?.enumValues : undefined;
  if (!values) return [];
  return Object.entries(values).map(([name, number]) => {
    const item = new vscode.CompletionItem(`${number} (${name})`, vscode.CompletionItemKind.EnumMember);
    item.insertText = String(number);
    item.filterText = `${number} ${name}`;
    return item;
  });
}

// ---- hover ---------------------------------------------------------------------------------------

function hoverAt(document: vscode.TextDocument, position: vscode.Position, catalog: IcwsCatalog): vscode.Hover | undefined {
  const cell = cellText(document, catalog);
  if (!cell?.operation || position.line !== cell.requestLine) return undefined;
  const operation = cell.operation;
  const markdown = new vscode.MarkdownString();
  markdown.appendMarkdown(`**${operation.module} · ${operation.name}**\n\n`);
  markdown.appendCodeblock(`${operation.method} ${operation.template}`, 'text');
  const describe = (urn: string | undefined, title: string) => {
    const contract = urn ? catalog.contract(urn) : undefined;
    if (!contract) return;
    markdown.appendMarkdown(`\n${title}: \`${contract.name}\`${contract.properties.length ? '' : ' (no properties)'}\n`);
    for (const property of contract.properties.slice(0, 12)) markdown.appendMarkdown(`- \`${property.name}\`: ${property.type.replace(/^urn:inin\.com:/, '')}${property.required ? ' (required)' : ''}\n`);
  };
  describe(operation.request, 'Body');
  describe(operation.response, `Answer${operation.success ? ` ${operation.success}` : ''}`);
  const docs = documentationUrl(operation.template);
  if (docs) markdown.appendMarkdown(`\n[ICWS documentation](${docs})`);
  return new vscode.Hover(markdown, document.lineAt(cell.requestLine).range);
}

// ---- diagnostics ---------------------------------------------------------------------------------

function diagnose(document: vscode.TextDocument, catalog: IcwsCatalog, features: FeatureSet | undefined): vscode.Diagnostic[] {
  const problems: vscode.Diagnostic[] = [];
  let parsed;
  try {
    parsed = parseCell(document.getText());
  } catch (error) {
    const line = (error as { line?: number }).line ?? 0;
    if (document.getText().trim()) problems.push(new vscode.Diagnostic(document.lineAt(Math.min(line, document.lineCount - 1)).range, error instanceof Error ? error.message : String(error), vscode.DiagnosticSeverity.Error));
    return problems;
  }
  const requestRange = document.lineAt(parsed.requestLine).range;
  const path = fullPath(blankReferences(parsed.path));
  const match = catalog.match(parsed.method, path);
  if (!match) {
    const onPath = catalog.operationsOnPath(path);
    problems.push(new vscode.Diagnostic(requestRange, onPath.length ? `${parsed.method} is not an operation on this path; it has ${onPath.map((o) => o.method).join(', ')}` : `${parsed.method} ${path} is not an ICWS operation`, vscode.DiagnosticSeverity.Error));
    return problems;
  }
  const operation = match.operation;
  const featureId = operation.module.split('.')[0]!.toLowerCase();
  if (features && features.version(featureId) === 0 && KNOWN_FEATURES.has(featureId)) {
    problems.push(new vscode.Diagnostic(requestRange, `This server does not list the "${featureId}" feature: it may not answer ${operation.name}`, vscode.DiagnosticSeverity.Warning));
  }
  if (operation.method === 'GET' && operation.template === '/icws/{sessionId}/messaging/messages') {
    problems.push(new vscode.Diagnostic(requestRange, 'Reading messages here takes them from the session: the extension’s own message channel (tree, Traffic panel) will not get them', vscode.DiagnosticSeverity.Warning));
  }
  const gate = FEATURE_GATES[operation.name];
  if (features && gate && !features.supports(gate)) {
    problems.push(new vscode.Diagnostic(requestRange, `${operation.name} (${gate.what}) needs ${gate.featureId} ${gate.version}; this server has ${features.version(gate.featureId)}`, vscode.DiagnosticSeverity.Warning));
  }
  const bodyOffset = offsetOfLine(document, parsed.bodyLine);
  const bodyText = blankReferences(bodyTextAt(document, bodyOffset));
  if (!bodyText.trim()) {
    if (operation.request && catalog.contract(operation.request)?.properties.some((p) => p.required)) problems.push(new vscode.Diagnostic(requestRange, `${operation.name} takes a body (${catalog.contract(operation.request)!.name})`, vscode.DiagnosticSeverity.Error));
    return problems;
  }
  const rangeOf = (offset: number, length: number) => new vscode.Range(document.positionAt(bodyOffset + offset), document.positionAt(bodyOffset + offset + Math.max(1, length)));
  // jsonc-parser recurses: a body thousands of levels deep would overflow the stack in parseTree.
  const tooDeep = textNestsDeeperAt(bodyText);
  if (tooDeep !== undefined) {
    problems.push(new vscode.Diagnostic(rangeOf(tooDeep, 1), `The body is ${nestedTooDeep()}`, vscode.DiagnosticSeverity.Error));
    return problems;
  }
  const errors: ParseError[] = [];
  const tree = parseTree(bodyText, errors, { allowTrailingComma: false, disallowComments: true });
  for (const error of errors) problems.push(new vscode.Diagnostic(rangeOf(error.offset, error.length), `The body is not JSON: ${printParseErrorCode(error.error)}`, vscode.DiagnosticSeverity.Error));
  if (errors.length || !tree) return problems;
  if (!operation.request) {
    problems.push(new vscode.Diagnostic(rangeOf(tree.offset, tree.length), `${operation.name} takes no body`, vscode.DiagnosticSeverity.Warning));
    return problems;
  }
  const body = JSON.parse(bodyText) as unknown;
  for (const problem of catalog.checkBody(operation.request, body)) {
    const node = nodeFor(tree, problem.path);
    problems.push(new vscode.Diagnostic(node ? rangeOf(node.offset, node.length) : rangeOf(tree.offset, 1), problem.message, vscode.DiagnosticSeverity.Error));
  }
  return problems;
}

/** The node a problem path names: a property's key when it names one, else the value. */
function nodeFor(tree: JsonNode, path: string): JsonNode | undefined {
  if (!path) return tree;
  const keys = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map(([, key, index]) => (index !== undefined ? Number(index) : key!));
  const value = findNodeAtLocation(tree, keys);
  if (value?.parent?.type === 'property') return value.parent.children?.[0];
  if (value) return value;
  // An unknown property: its key, found on its object.
  const object = findNodeAtLocation(tree, keys.slice(0, -1));
  const key = keys.at(-1);
  return object?.children?.find((property) => property.children?.[0]?.value === key)?.children?.[0] ?? object;
}

/** Feature ids a server lists (others are SDK modules with no feature of the same name). */
const KNOWN_FEATURES = new Set(['connection', 'interactions', 'messaging', 'queues', 'status', 'configuration', 'dialer', 'directories', 'recordings', 'statistics', 'alerts', 'wfm']);
/** Operations whose feature version is known: the ones the client itself gates on. */
const FEATURE_GATES: Record<string, FeatureRequirement> = {
  consult: REQUIRES.consult,
  consultChangeAudience: REQUIRES.consult,
  consultConclude: REQUIRES.consult,
  consultCancel: REQUIRES.consult,
};
