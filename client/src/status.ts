// Language status item: how many single-phase modules the workspace still
// has, counted from the server's published diagnostics (every module gets
// exactly one single-phase-init finding, at its PyModule_Create call).
import * as vscode from 'vscode';

export const DIAGNOSTIC_SOURCE = 'multiphase';
export const SINGLE_PHASE_CODE = 'single-phase-init';
const SHOW_PROBLEMS = 'multiphase.showProblems';

function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? code.value : code;
}

export function countSinglePhaseModules(all: ReadonlyArray<[vscode.Uri, readonly vscode.Diagnostic[]]>): number {
  let modules = 0;
  for (const [, diagnostics] of all) {
    for (const diagnostic of diagnostics) {
      if (diagnostic.source === DIAGNOSTIC_SOURCE && codeOf(diagnostic) === SINGLE_PHASE_CODE) modules++;
    }
  }
  return modules;
}

export class SinglePhaseStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Diagnostics change in bursts (a workspace scan); recount once per burst. */
  private pendingUpdate: ReturnType<typeof setTimeout> | undefined;

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('multiphase.singlePhaseModules', selector);
    this.item.name = 'Multi-phase Init';
    this.item.command = { title: 'Show in Problems', command: SHOW_PROBLEMS, tooltip: 'Open the Problems view on the multiphase findings' };
    this.subscriptions.push(
      this.item,
      vscode.languages.onDidChangeDiagnostics(() => this.scheduleUpdate()),
      vscode.commands.registerCommand(SHOW_PROBLEMS, showMultiphaseProblems),
    );
    this.update();
  }

  private scheduleUpdate(): void {
    if (this.pendingUpdate !== undefined) return;
    this.pendingUpdate = setTimeout(() => {
      this.pendingUpdate = undefined;
      this.update();
    }, 100);
  }

  private update(): void {
    const modules = countSinglePhaseModules(vscode.languages.getDiagnostics());
    if (modules === 0) {
      this.item.text = '$(pass) No single-phase modules';
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      this.item.detail = 'every module uses multi-phase init';
    } else {
      this.item.text = `$(warning) ${modules} single-phase module${modules === 1 ? '' : 's'}`;
      this.item.severity = vscode.LanguageStatusSeverity.Warning;
      this.item.detail = 'in the workspace, still to convert';
    }
  }

  dispose(): void {
    if (this.pendingUpdate !== undefined) clearTimeout(this.pendingUpdate);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/**
 * VS Code 1.100 has no command that sets the Problems filter text (the view's
 * setFilterText is internal), so open the view and focus its filter box; our
 * entries all carry "multiphase" (their source), which is what to type there.
 */
async function showMultiphaseProblems(): Promise<void> {
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.commands.executeCommand('problems.action.focusFilter');
}
