// The assistant tools as VS Code language-model tools: one registration per tool contributed in
// package.json, cheap at activation. The implementations (src/assistants, with zod and the
// catalog) are a separate bundle, dist/assistants.js, loaded with the first tool call.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type * as Assistants from '../../assistants';
import type { IcwsSession } from '../../icws';
import { markdownText, plainText } from '../display/untrustedText';
import type { SessionHealthService } from '../health/SessionHealthService';
import type { SessionService } from '../session/SessionService';
import type { EmbeddedSimulator } from '../simulator/EmbeddedSimulator';
import type { TrafficRecording } from '../traffic/TrafficRecording';

export interface AssistantToolsContext {
  extensionPath: string;
  /** package.json's contributes.languageModelTools (names and tags). */
  contributed: readonly { name: string; tags?: string[] }[];
  sessions: SessionService;
  traffic: TrafficRecording;
  simulator: EmbeddedSimulator;
  health: SessionHealthService;
}

export const ACTING_TAG = 'icws-acting';

function confirmOnSimulator(): boolean {
  return vscode.workspace.getConfiguration('icws').get<boolean>('assistants.confirmOnSimulator', true);
}

/** The registered tools, by name (the test internals reach their prepareInvocation through this). */
export type AssistantToolMap = Map<string, vscode.LanguageModelTool<object>>;

export function registerAssistantTools(context: AssistantToolsContext): { disposables: vscode.Disposable[]; tools: AssistantToolMap } {
  let loaded: Assistants.AssistantTools | undefined;
  const load = (): Assistants.AssistantTools => {
    if (loaded) return loaded;
    const module = require(path.join(context.extensionPath, 'dist', 'assistants.js')) as typeof Assistants;
    const host: Assistants.AssistantHost = {
      sessions: () => context.sessions.sessions.flatMap((session) => {
        const profile = context.sessions.profileOf(session);
        return profile ? [{ session, profile: { ...profile, simulator: profile.simulator || isEmbeddedSimulator(session) } }] : [];
      }),
      timeline: () => context.traffic.timeline,
      catalog: () => module.loadCatalog(),
      simulator: () => (context.simulator.instance ? module.simulatorControl(context.simulator.instance) : undefined),
      health: (session) => context.health.healthOf(session)?.snapshot(),
    };
    return (loaded = new module.AssistantTools(host, { actionsAllowed: true }));
  };
  // Until profiles are stored, the embedded simulator's session is known by its URL.
  const isEmbeddedSimulator = (session: IcwsSession) => !!context.simulator.url && session.server === context.simulator.url;

  const tools: AssistantToolMap = new Map();
  const disposables = context.contributed.map(({ name, tags }) => {
    const acting = tags?.includes(ACTING_TAG) ?? false;
    const tool: vscode.LanguageModelTool<object> = {
      invoke: async (options) => {
        const result = await load().run(name, options.input);
        return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(result.text)]);
      },
    };
    if (acting) tool.prepareInvocation = (options) => prepare(load(), name, options.input);
    tools.set(name, tool);
    return vscode.lm.registerTool(name, tool);
  });
  return { disposables, tools };
}

/** The confirmation naming the session, its server and the action; none where the guard says run or refuse. */
function prepare(tools: Assistants.AssistantTools, name: string, input: object): vscode.PreparedToolInvocation {
  let decision: ReturnType<Assistants.AssistantTools['decide']>;
  try {
    decision = tools.decide(name, input, { confirmOnSimulator: confirmOnSimulator() });
  } catch (error) {
    // The call itself then answers with the problem, as data.
    return { invocationMessage: plainText(`Checking ${name}: ${error instanceof Error ? error.message : String(error)}`) };
  }
  if (decision.kind === 'refuse') return { invocationMessage: plainText(`Refused: ${decision.reason}`) };
  if (decision.kind === 'run') return { invocationMessage: plainText(decision.message) };
  return {
    invocationMessage: plainText(decision.message),
    confirmationMessages: { title: plainText(decision.title), message: new vscode.MarkdownString(markdownText(decision.message)) },
  };
}
