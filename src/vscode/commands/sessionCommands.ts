import * as vscode from 'vscode';
import { type QueueId, QueueType } from '../../icws';
import { plainText } from '../display/untrustedText';
import { connectPrompts } from '../session/connectPrompts';
import type { ConnectRequest } from '../session/SessionService';
import { QueueNode } from '../tree/InteractionsTreeProvider';
import { type CommandContext, showError } from './CommandContext';
import { askQueue } from './pickers';

export function connect(context: CommandContext) {
  return async (request?: ConnectRequest) => {
    try {
      const session = await context.sessions.connect(request ?? {}, connectPrompts);
      if (session) void vscode.window.setStatusBarMessage(`ICWS: connected to ${session.server} as ${session.identity.userId}`, 5_000);
      return session !== undefined;
    } catch (error) {
      showError(error, context.log);
      return false;
    }
  };
}

export function disconnect(context: CommandContext) {
  return async (options?: { forgetPassword?: boolean }) => {
    let forgetPassword = options?.forgetPassword;
    if (forgetPassword === undefined) {
      const choice = await vscode.window.showQuickPick(
        [
          { label: 'Log out', description: 'keep the remembered password', forget: false },
          { label: 'Log out and forget the password', forget: true },
        ],
        { title: 'ICWS: Disconnect' },
      );
      if (!choice) return false;
      forgetPassword = choice.forget;
    }
    await context.sessions.disconnect({ forgetPassword });
    return true;
  };
}

export function refresh(context: CommandContext) {
  return async () => {
    try {
      await context.watcher.refresh();
    } catch (error) {
      showError(error, context.log);
    }
  };
}

export function watchQueue(context: CommandContext) {
  return async (queueArgument?: QueueId) => {
    const queue = queueArgument ?? (await askQueue('ICWS: Watch Queue'));
    if (!queue) return false;
    try {
      await context.watcher.watch(queue);
      return true;
    } catch (error) {
      showError(error, context.log);
      return false;
    }
  };
}

export function unwatchQueue(context: CommandContext) {
  return async (argument?: QueueNode | QueueId) => {
    let queue: QueueId | undefined = argument instanceof QueueNode ? argument.watched.queue : argument;
    if (!queue) {
      const picked = await vscode.window.showQuickPick(
        context.watcher.queues.map((watched) => ({ label: watched.label, queue: watched.queue })),
        { title: 'ICWS: Unwatch Queue' },
      );
      queue = picked?.queue;
    }
    if (!queue || typeof queue.queueName !== 'string' || !(queue.queueType in QueueType)) return false;
    await context.watcher.unwatch(queue);
    return true;
  };
}

export function showLog(context: CommandContext) {
  return () => context.log.show();
}

/** Logs in to the embedded simulator as agent1, asking nothing. */
function connectToSimulator(context: CommandContext, url: string) {
  // The user's own server and user ID stay in settings: the simulator's port changes every time.
  return context.sessions.connect({ server: url, userId: 'agent1', password: '1234', rememberPassword: false, rememberServer: false }, {
    server: async () => url,
    userId: async () => 'agent1',
    password: async () => '1234',
    rememberPassword: async () => false,
    confirmPlainHttp: async () => false,
  });
}

export function startSimulator(context: CommandContext) {
  return async (options?: { connect?: boolean }) => {
    try {
      const url = await context.simulator.start();
      context.log.info(`The ICWS simulator listens on ${url} (users agent1, agent2, supervisor; password 1234)`);
      if (options?.connect !== false) {
        await connectToSimulator(context, url);
      }
      void vscode.window.setStatusBarMessage(`ICWS: simulator running on ${url}`, 5_000);
      return url;
    } catch (error) {
      showError(error, context.log);
      return undefined;
    }
  };
}

/**
 * `icws.runScenario(uri?)`: runs a scenario file (the open one by default) in a fresh embedded
 * simulator, connects to it, and shows its progress until it is done or cancelled.
 */
export function runScenario(context: CommandContext) {
  return async (argument?: unknown, options?: { speed?: number; seed?: number }) => {
    const uri = argument instanceof vscode.Uri ? argument : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('Open a scenario file (.icws-scenario.yaml or .json) first, or pick one in the Explorer.');
      return false;
    }
    let script;
    try {
      const text = (await vscode.workspace.openTextDocument(uri)).getText();
      script = context.simulator.loadScenario(text, vscode.workspace.asRelativePath(uri));
    } catch (error) {
      showError(error, context.log);
      return false;
    }
    if (context.simulator.isRunning) await vscode.commands.executeCommand('icws.stopSimulator');
    try {
      const url = await context.simulator.start({ script, speed: options?.speed, seed: options?.seed });
      await connectToSimulator(context, url);
    } catch (error) {
      showError(error, context.log);
      return false;
    }
    const runner = context.simulator.instance?.scenario;
    if (!runner) return false;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `ICWS scenario "${plainText(script.name, 80)}"`, cancellable: true }, (progress, cancel) =>
      new Promise<void>((done) => {
        const show = () => {
          const p = runner.progress;
          progress.report({ message: `${p.callsPlaced} of ${p.callsPlanned} calls, ${p.eventsDone} of ${p.eventsPlanned} events` });
          if (p.finished) finish();
        };
        const listener = runner.onProgress(show);
        const finish = () => {
          listener.dispose();
          done();
        };
        cancel.onCancellationRequested(() => {
          finish();
          void vscode.commands.executeCommand('icws.stopSimulator');
        });
        show();
      }),
    );
    return true;
  };
}

export function stopSimulator(context: CommandContext) {
  return async () => {
    const url = context.simulator.url;
    if (context.sessions.session?.server === url) await context.sessions.disconnect({ forgetPassword: false });
    await context.simulator.stop();
    return true;
  };
}
