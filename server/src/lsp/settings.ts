// Settings over LSP: read the `multiphase` section through
// workspace/configuration at start and again on every change notification.
// Invalid values are reported once in a window/showMessage and fall back to
// their defaults (validation lives in core/settings).
import { DidChangeConfigurationNotification, MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import { conversionOptionsFrom, cloneDefaults, SETTINGS_SECTION, validateSettings, type MultiphaseSettings } from '../core/settings';
import type { ConversionOptions } from '../core/convert/options';
import type { ClientSupport } from './clientSupport';

type SettingsListener = (settings: MultiphaseSettings) => void;

export class SettingsStore {
  private settings: MultiphaseSettings = cloneDefaults();
  private options: ConversionOptions = conversionOptionsFrom(this.settings);
  /** Bumped on every effective change, so cached analyses know they are stale. */
  private gen = 0;
  private lastReported = '';
  private readonly listeners: SettingsListener[] = [];
  private loaded: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly client: ClientSupport,
  ) {}

  get current(): MultiphaseSettings {
    return this.settings;
  }

  get conversionOptions(): ConversionOptions {
    return this.options;
  }

  get generation(): number {
    return this.gen;
  }

  /** Resolves once the first read from the client is done (or failed). */
  get ready(): Promise<void> {
    return this.loaded;
  }

  onDidChange(listener: SettingsListener): void {
    this.listeners.push(listener);
  }

  /** Called from onInitialized: first read, and subscribe to changes. */
  start(): void {
    if (this.client.dynamicConfigurationRegistration) {
      void this.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
    this.connection.onDidChangeConfiguration((params) => {
      // Clients with workspace/configuration get asked again (the pushed value may be partial or null).
      const pushed = (params.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
      this.loaded = this.client.configuration ? this.pull() : Promise.resolve(this.accept(pushed));
    });
    this.loaded = this.client.configuration ? this.pull() : Promise.resolve();
  }

  private async pull(): Promise<void> {
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration({ section: SETTINGS_SECTION });
      this.accept(raw);
    } catch (error) {
      this.connection.console.error(`Could not read the ${SETTINGS_SECTION} settings: ${String(error)}; keeping the current ones.`);
    }
  }

  private accept(raw: unknown): void {
    const { settings, errors } = validateSettings(raw);
    const report = errors.join(' ');
    if (errors.length && report !== this.lastReported) {
      // A plain window/showMessage notification: nothing to answer, nothing to wait for.
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `multiphase: invalid settings. ${report}` });
      this.connection.console.warn(`Invalid settings: ${report}`);
    }
    this.lastReported = report;
    if (JSON.stringify(settings) === JSON.stringify(this.settings)) return;
    this.settings = settings;
    this.options = conversionOptionsFrom(settings);
    this.gen++;
    this.connection.console.info(`Settings now ${JSON.stringify(settings)}`);
    for (const listener of this.listeners) listener(settings);
  }
}
