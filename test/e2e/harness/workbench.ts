// Drives the VS Code workbench in the browser the way a user does: keyboard
// and clicks, then waits on what the page shows. No fixed sleeps: every wait
// is on a selector, a text or a count, with a timeout that names what it
// waited for.
import type { Locator, Page } from 'playwright-core';

/** How long one thing shown by the workbench may take to appear. */
export const UI_TIMEOUT = 30_000;
/** Language-server work on a fresh workspace (start-up, a workspace scan). */
export const SERVER_TIMEOUT = 60_000;

export class Workbench {
  constructor(readonly page: Page) {}

  async waitUntilLoaded(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: SERVER_TIMEOUT });
    await this.page.locator('.statusbar').waitFor({ timeout: SERVER_TIMEOUT });
  }

  /** The first-open dialog: answer "Yes, I trust the authors". */
  async trustWorkspace(): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.getByText('Do you trust the authors', { exact: false }).waitFor({ timeout: SERVER_TIMEOUT });
    await dialog.getByRole('button', { name: 'Yes, I trust the authors' }).click();
    await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    // The status bar drops its "Restricted Mode" entry once trust is granted.
    await this.page.locator('.statusbar').getByText('Restricted Mode').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  }

  /** The first-open dialog: answer "No, I don't trust the authors" (restricted mode). */
  async distrustWorkspace(): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.getByText('Do you trust the authors', { exact: false }).waitFor({ timeout: SERVER_TIMEOUT });
    await dialog.getByRole('button', { name: "No, I don't trust the authors" }).click();
    await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await this.page.locator('.statusbar').getByText('Restricted Mode').waitFor({ timeout: UI_TIMEOUT });
  }

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /**
   * Opens a workspace file by name through Quick Open (Ctrl+P). Returns the
   * Date.now() at which the file was chosen (Enter), for timings from the open.
   */
  async openFile(relativePath: string): Promise<number> {
    const name = relativePath.split('/').pop() ?? relativePath;
    await this.page.keyboard.press('Control+P');
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await input.fill(relativePath);
    // Quick Open fills its list asynchronously from the file search.
    const row = this.quickInput().locator('.monaco-list-row', { hasText: name }).first();
    await row.waitFor({ timeout: UI_TIMEOUT });
    const chosen = Date.now();
    await input.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: UI_TIMEOUT });
    await this.activeEditor().locator('.view-lines').waitFor({ timeout: UI_TIMEOUT });
    return chosen;
  }

  /** Moves the cursor with Go to Line (Ctrl+G) and waits for the status bar to show it there. */
  async goTo(line: number, column: number): Promise<void> {
    await this.activeEditor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+G');
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await input.fill(`:${line}:${column}`); // ":" is the Go to Line prefix of quick access
    await input.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    await this.page.locator('.statusbar').getByText(`Ln ${line}, Col ${column}`, { exact: true }).waitFor({ timeout: UI_TIMEOUT });
  }

  /** Waits until the editor tab in front is `name`. */
  async waitForActiveTab(name: string): Promise<void> {
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: UI_TIMEOUT });
  }

  /** Runs a command by its palette title (category included, as the palette shows it). */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await input.fill(`>${title}`);
    const row = this.quickInput().locator('.monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout: UI_TIMEOUT });
    await input.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  }

  /** Whether the palette offers a command (enablement and `when` clauses applied). */
  async paletteOffers(title: string): Promise<boolean> {
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await input.fill(`>${title}`);
    // The list settles on the matching row, or on "similar commands" (fuzzy
    // matches of other commands) or "No matching commands" when it is hidden.
    const rows = this.quickInput().locator(`.monaco-list-row[aria-label="${title}"]`);
    const similar = this.quickInput().getByText('similar commands');
    const none = this.quickInput().getByText('No matching commands');
    await rows.or(similar).or(none).first().waitFor({ timeout: UI_TIMEOUT });
    const offered = (await rows.count()) > 0;
    await input.press('Escape');
    return offered;
  }

  activeEditor(): Locator {
    return this.page.locator('.editor-instance .monaco-editor').first();
  }

  /** Warning squiggles currently drawn in the active editor. */
  warningSquiggles(): Locator {
    return this.activeEditor().locator('.view-overlays .squiggly-warning, .view-overlays .cdr.squiggly-warning');
  }

  /** Squiggles of any severity in the active editor. */
  allSquiggles(): Locator {
    return this.activeEditor().locator('.view-overlays [class*="squiggly-"]');
  }

  /** The lightbulb the editor shows beside a line that has code actions. */
  lightBulb(): Locator {
    // (The widget is itself the codicon: lightbulb, or lightbulb-autofix for a preferred fix.)
    return this.activeEditor().locator('.lightBulbWidget.codicon');
  }

  /** The rendered token with exactly this text on screen in the active editor. */
  token(text: string): Locator {
    return this.activeEditor().locator('.view-lines span > span', { hasText: new RegExp(`^${text}$`) });
  }

  async openProblems(): Promise<Locator> {
    await this.runCommand('View: Focus Problems');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ timeout: UI_TIMEOUT });
    return panel;
  }

  /** Waits until the Problems view's filter box has the keyboard focus. */
  async waitForProblemsFilterFocus(): Promise<void> {
    const filter = this.page.getByPlaceholder(/^Filter \(e\.g\. text/);
    await filter.waitFor({ timeout: UI_TIMEOUT });
    // (A page-side expression as a string: this project compiles without the DOM library.)
    await this.page.waitForFunction("document.activeElement?.placeholder?.startsWith('Filter (e.g. text') === true", undefined, { timeout: UI_TIMEOUT });
  }

  /** Types into the Problems view's filter box, so only matching entries are listed (and rendered). */
  async filterProblems(text: string): Promise<void> {
    const filter = this.page.getByPlaceholder(/^Filter \(e\.g\. text/);
    await filter.waitFor({ state: 'visible', timeout: SERVER_TIMEOUT });
    // Under load the panel can re-render just after a fill and drop the
    // text; check what the box holds and type again until it sticks.
    for (let attempt = 0; attempt < 5; attempt++) {
      await filter.fill(text);
      if ((await filter.inputValue()) === text) return;
      await filter.click();
    }
    throw new Error(`the Problems filter box would not keep '${text}'`);
  }

  /** Problems rows (markers, not file headers) whose text contains `text`. */
  problemRows(text: string): Locator {
    return this.page.locator('.markers-panel .monaco-list-row', { hasText: text }).filter({ has: this.page.locator('.marker-message-details, .marker-code, .details-container') });
  }

  /** The quick-fix menu opened by Ctrl+. at the cursor. */
  async openQuickFixMenu(): Promise<Locator> {
    await this.page.keyboard.press('Control+.');
    const menu = this.page.locator('.action-widget');
    await menu.waitFor({ state: 'visible', timeout: SERVER_TIMEOUT });
    return menu;
  }

  /**
   * Picks an entry of the open quick-fix menu by keyboard (the menu blocks
   * the mouse while it is open): moves the focus to it, then Enter.
   */
  async chooseQuickFix(menu: Locator, title: string): Promise<void> {
    const rows = menu.locator('.monaco-list-row.action');
    const count = await rows.count();
    for (let step = 0; step <= count; step++) {
      const focused = menu.locator('.monaco-list-row.action.focused');
      if (((await focused.getAttribute('aria-label', { timeout: UI_TIMEOUT })) ?? '').includes(title)) {
        await this.page.keyboard.press('Enter');
        await menu.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no quick fix "${title}" among: ${(await rows.allInnerTexts()).join(' | ')}`);
  }

  /**
   * Waits until the status bar's language status hover (the `{} C` entry)
   * shows `text`. The hover renders once when opened, so it is reopened
   * until the item (updated from the diagnostics) says what we wait for.
   */
  async waitForLanguageStatus(text: RegExp, timeout = SERVER_TIMEOUT): Promise<string> {
    const deadline = Date.now() + timeout;
    const items = this.page.locator('.hover-language-status');
    const entry = this.page.locator('[id="status.languageStatus"]');
    for (;;) {
      await entry.click();
      await items.first().waitFor({ timeout: UI_TIMEOUT });
      const shown = (await items.allInnerTexts()).join('\n');
      // A click outside closes the hover and gives the focus back to the
      // editor (left on the status bar, it closes the next quick input).
      await this.activeEditor().locator('.view-lines').click();
      await items.first().waitFor({ state: 'detached', timeout: UI_TIMEOUT });
      if (text.test(shown)) return shown;
      if (Date.now() > deadline) throw new Error(`the language status never showed ${text}; it shows:\n${shown}`);
    }
  }

  /** Clicks a button of a notification toast and waits for the toast to go. */
  async clickNotificationButton(toast: Locator, label: string): Promise<void> {
    await toast.getByRole('button', { name: label }).click();
    await toast.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  }

  /** The rows of the open quick pick (title, description and detail as shown). */
  async quickPickRows(): Promise<string[]> {
    const rows = this.quickInput().locator('.monaco-list-row');
    await rows.first().waitFor({ timeout: UI_TIMEOUT });
    return rows.allInnerTexts();
  }

  async closeQuickPick(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.quickInput().waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  }

  /** A notification toast containing `text`. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast', { hasText: text });
  }

  /**
   * Saves whatever an edit left unsaved. Called once the edit has been
   * applied (its summary is on screen), so the dirty marks are settled.
   */
  async saveAllIfDirty(): Promise<void> {
    const dirty = this.page.locator('.tabs-container .tab.dirty, .explorer-folders-view .monaco-list-row .dirty');
    if ((await dirty.count()) === 0) return;
    await this.runCommand('File: Save All Files');
    await dirty.first().waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  }

  /** Changes an enum user setting through the Settings editor, as a user would. */
  async setSetting(id: string, value: string): Promise<void> {
    await this.runCommand('Preferences: Open User Settings');
    const editor = this.page.locator('.settings-editor');
    // The search box is a small editor that has focus once the Settings editor opens.
    const search = editor.locator('.settings-header textarea').first();
    await search.waitFor({ timeout: UI_TIMEOUT });
    await search.focus();
    await this.page.keyboard.type(id);
    const select = editor.locator(`.setting-item-contents[data-key="${id}"] select`);
    await select.waitFor({ timeout: UI_TIMEOUT });
    await select.selectOption(value);
  }
}
