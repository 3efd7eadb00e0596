// The tools behind both front doors (VS Code's language-model tools and `icws-mcp`): checks the
// input against the tool's schema, refuses acting tools where they are not allowed, runs the
// implementation and wraps its data in the delimited, redacted result.
import { IcwsError } from '../icws';
import { CellProblem } from '../icws/notebook';
import * as z from '../icws/zod';
import { callControl, createCall, type PlannedAction, planAction, runRequest, setStatus } from './actions';
import { describeOperation } from './catalogLookup';
import { SCHEMAS, toolDefinition, type ToolDefinition, type ToolName } from './definitions';
import { type ActingDecision, type ActingOptions, decide, refusalOf } from './guard';
import type { AssistantHost } from './host';
import { type ToolResult, toolResult } from './results';
import { type ConsultBook, getInteraction, listInteractions, sessionHealth, ToolProblem } from './sessionsView';
import { searchTraffic } from './trafficSearch';

export interface AssistantToolsOptions {
  /** Whether acting tools may run at all (`icws-mcp --allow-actions`; always true in VS Code, which asks instead). */
  actionsAllowed: boolean;
  /** Why they may not, said to the assistant when one is called. */
  actionsOffReason?: string;
}

export class AssistantTools {
  private readonly consults: ConsultBook = new WeakMap();

  constructor(
    private readonly host: AssistantHost,
    private readonly options: AssistantToolsOptions,
  ) {}

  /** The input, checked against the tool's schema (a ToolProblem names each wrong field). */
  parse(name: string, input: unknown): { definition: ToolDefinition; input: unknown } {
    const definition = toolDefinition(name);
    if (!definition) throw new ToolProblem(`there is no ICWS tool called ${name}`);
    const parsed = z.safeParse(SCHEMAS[definition.name], input ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
      throw new ToolProblem(`${name} input is not valid: ${problems.join('; ')}`);
    }
    return { definition, input: parsed.data };
  }

  /** What an acting tool would do and whether it may, asks first or is refused (for a confirmation). */
  decide(name: string, input: unknown, acting: ActingOptions): ActingDecision & { plan: PlannedAction } {
    const checked = this.parse(name, input);
    const plan = planAction(this.host, checked.definition.name, checked.input);
    return { ...decide(plan, checked.definition.title, acting), plan };
  }

  async run(name: string, input: unknown): Promise<ToolResult> {
    try {
      const checked = this.parse(name, input);
      if (checked.definition.acting) {
        if (!this.options.actionsAllowed) throw new ToolProblem(this.options.actionsOffReason ?? `${name} acts, and acting tools are off here`);
        // Checked again here: a front door may skip its confirmation step, never this.
        const refusal = refusalOf(planAction(this.host, checked.definition.name, checked.input));
        if (refusal) throw new ToolProblem(refusal);
      }
      return this.result(name, await this.dispatch(checked.definition.name, checked.input));
    } catch (error) {
      return this.result(name, { error: messageOf(error) }, true);
    }
  }

  private result(name: string, data: unknown, isError = false): ToolResult {
    return toolResult(name, data, this.host.sessions().map((s) => s.session.http.redactor), isError);
  }

  private async dispatch(name: ToolName, input: unknown): Promise<unknown> {
    const host = this.host;
    switch (name) {
      case 'icws_list_interactions':
        return listInteractions(host, input as never, this.consults);
      case 'icws_get_interaction':
        return getInteraction(host, input as never, this.consults);
      case 'icws_search_traffic':
        return searchTraffic(host, input as never);
      case 'icws_describe_operation':
        return describeOperation(host, input as never);
      case 'icws_session_health':
        return sessionHealth(host, input as never);
      case 'icws_run_request':
        return runRequest(host, input as never);
      case 'icws_call_control':
        return callControl(host, input as never, this.consults);
      case 'icws_set_status':
        return setStatus(host, input as never);
      case 'icws_create_call':
        return createCall(host, input as never);
    }
  }
}

function messageOf(error: unknown): string {
  if (error instanceof ToolProblem || error instanceof CellProblem || error instanceof IcwsError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
