// Tools for coding assistants over the live ICWS view: plain Node, no `vscode` import. VS Code's
// language-model tools (src/vscode/assistants) and `icws-mcp` (./mcp) both load them from here.
export * from './host';
export * from './definitions';
export * from './results';
export * from './guard';
export * from './AssistantTools';
export { ToolProblem } from './sessionsView';
export type { PlannedAction } from './actions';
export { loadCatalog } from '../icws/catalog';
