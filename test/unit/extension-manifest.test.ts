// package.json is what VS Code shows users and sends the server; these tests
// hold it to the server's own settings schema and defaults, the commands the
// client forwards, and the workspace-trust promise.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_CODES } from '../../server/src/core/rules/catalogue';
import { extensionManifestFields, PACKAGE_SCRIPTS } from '../../scripts/update-manifest';
import { conversionOptionsFrom, DEFAULT_SETTINGS, RULE_SEVERITY_VALUES, SETTINGS_SCHEMA, SETTINGS_SECTION, validateSettings } from '../../server/src/core/settings';

const root = join(__dirname, '..', '..');
const STALE = 'package.json is out of date with server/src/core/settings.ts: run `npx tsx scripts/update-manifest.ts`';

interface SettingContribution {
  type: string;
  description?: string;
  markdownDescription?: string;
  enum?: string[];
  enumDescriptions?: string[];
  pattern?: string;
  default: unknown;
  scope?: string;
  properties?: Record<string, SettingContribution>;
  additionalProperties?: boolean;
}

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
  enablement?: string;
}

interface Manifest {
  main: string;
  icon: string;
  engines: { vscode: string };
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; description?: string } };
  contributes: {
    commands: CommandContribution[];
    configuration: { properties: Record<string, SettingContribution> };
  };
  devDependencies: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;

describe('extension manifest (package.json)', () => {
  it('contributes exactly the settings the server validates', () => {
    const contributed = Object.keys(properties).sort();
    const expected = SETTINGS_SCHEMA.map((setting) => `${SETTINGS_SECTION}.${setting.key}`).sort();
    assert.deepEqual(contributed, expected, STALE);
  });

  for (const setting of SETTINGS_SCHEMA) {
    const name = `${SETTINGS_SECTION}.${setting.key}`;
    it(`${name}: default, type, enum and scope agree with the server`, () => {
      const contribution = properties[name];
      assert.ok(contribution, `${name} missing. ${STALE}`);
      assert.deepEqual(contribution.default, DEFAULT_SETTINGS[setting.key], `default of ${name}. ${STALE}`);
      assert.equal(contribution.type, setting.type, `type of ${name}`);
      assert.equal(contribution.scope, 'resource', `${name} is per folder`);
      assert.ok((contribution.description ?? contribution.markdownDescription ?? '').length > 20, `${name} has a description`);
      if (setting.type === 'object') return;
      if (setting.enum) {
        assert.deepEqual(contribution.enum, [...setting.enum], `enum of ${name}. ${STALE}`);
        assert.equal(contribution.enumDescriptions?.length, setting.enum.length, `every value of ${name} is described`);
      } else {
        assert.equal(contribution.enum, undefined, `${name} has no enum on the server`);
      }
    });
  }

  it('multiphase.severity lists every rule code with the server default and the allowed levels', () => {
    const severity = properties[`${SETTINGS_SECTION}.severity`];
    assert.ok(severity?.properties, 'severity is an object of rule codes');
    assert.deepEqual(Object.keys(severity.properties).sort(), [...RULE_CODES].sort(), STALE);
    assert.equal(severity.additionalProperties, false, 'unknown rule codes are flagged in settings.json');
    for (const code of RULE_CODES) {
      const rule: SettingContribution | undefined = severity.properties[code];
      assert.ok(rule);
      assert.deepEqual(rule.enum, [...RULE_SEVERITY_VALUES], `levels of ${code}`);
      assert.equal(rule.default, DEFAULT_SETTINGS.severity[code], `default level of ${code}. ${STALE}`);
      assert.equal(rule.enumDescriptions?.length, RULE_SEVERITY_VALUES.length);
    }
  });

  it('the defaults themselves pass the server validation unchanged', () => {
    const fromManifest = Object.fromEntries(
      Object.entries(properties).map(([name, contribution]) => [name.slice(SETTINGS_SECTION.length + 1), contribution.default]),
    );
    const { settings, errors } = validateSettings(fromManifest);
    assert.deepEqual(errors, []);
    assert.deepEqual(settings, { ...DEFAULT_SETTINGS });
  });

  it('multiphase.minimumPythonVersion: the pattern rejects 3.0 to 3.4 (no multi-phase init) and agrees with the server', () => {
    const pattern = properties[`${SETTINGS_SECTION}.minimumPythonVersion`]?.pattern;
    assert.ok(pattern, `the version setting has a pattern. ${STALE}`);
    const matches = new RegExp(pattern);
    for (const version of ['3.0', '3.1', '3.3', '3.4', '2.7', '3', '3.', '4.0', '3.100']) assert.equal(matches.test(version), false, `${version} rejected`);
    for (const version of ['3.5', '3.8', '3.9', '3.10', '3.13', '3.99']) assert.equal(matches.test(version), true, `${version} accepted`);
    for (const version of ['3.0', '3.4', '3.5', '3.8', '3.13']) {
      assert.equal(matches.test(version), validateSettings({ minimumPythonVersion: version }).errors.length === 0, `${version}: manifest and server agree`);
    }
  });

  it('multiphase.keepPython2: a boolean, off by default, read into the conversion options', () => {
    assert.equal(properties[`${SETTINGS_SECTION}.keepPython2`]?.type, 'boolean', STALE);
    assert.equal(properties[`${SETTINGS_SECTION}.keepPython2`]?.default, false, STALE);
    assert.equal(conversionOptionsFrom(validateSettings({ keepPython2: true }).settings).keepPython2, true);
    const wrong = validateSettings({ keepPython2: 'yes' });
    assert.equal(wrong.settings.keepPython2, false);
    assert.equal(wrong.errors.length, 1);
  });

  it('contributes the three commands in the "Multi-phase Init" category, conversions only when trusted', () => {
    const byId = new Map(manifest.contributes.commands.map((command) => [command.command, command]));
    const expected: Array<[string, string]> = [
      ['multiphase.convertAll', 'Convert All Modules in Workspace'],
      ['multiphase.convertFile', 'Convert Modules in This File'],
      ['multiphase.showOutput', 'Show Output'],
    ];
    for (const [id, title] of expected) {
      const command = byId.get(id);
      assert.ok(command, `${id} contributed`);
      assert.equal(command.title, title);
      assert.equal(command.category, 'Multi-phase Init');
    }
    assert.match(byId.get('multiphase.convertAll')?.enablement ?? '', /\bisWorkspaceTrusted\b/);
    assert.match(byId.get('multiphase.convertFile')?.enablement ?? '', /\bisWorkspaceTrusted\b/);
    assert.equal(byId.get('multiphase.showOutput')?.enablement, undefined, 'the output is always available');
  });

  it('runs in untrusted workspaces with limited support, and says what is limited', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.match(untrusted.description ?? '', /trust/i);
  });

  it('activates on C, C++ and workspaces containing C sources', () => {
    for (const event of ['onLanguage:c', 'onLanguage:cpp']) assert.ok(manifest.activationEvents.includes(event), event);
    assert.ok(manifest.activationEvents.some((event) => event.startsWith('workspaceContains:') && event.includes('.c')));
    assert.ok(manifest.activationEvents.some((event) => event.includes('.c.src')));
  });

  it('targets the VS Code that code-server 4.100 serves, with matching API types', () => {
    assert.equal(manifest.engines.vscode, '^1.100.0');
    const types = JSON.parse(readFileSync(join(root, 'node_modules/@types/vscode/package.json'), 'utf8')) as { version: string };
    assert.match(types.version, /^1\.100\./, '@types/vscode must not promise API newer than engines.vscode');
    const languageClient = JSON.parse(readFileSync(join(root, 'node_modules/vscode-languageclient/package.json'), 'utf8')) as {
      engines: { vscode: string };
    };
    const needed = /(\d+)\.(\d+)/.exec(languageClient.engines.vscode);
    assert.ok(needed && Number(needed[1]) === 1 && Number(needed[2]) <= 100, `vscode-languageclient needs ${languageClient.engines.vscode}`);
  });

  it('holds exactly what scripts/update-manifest.ts writes', () => {
    const written = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown> & { scripts: Record<string, string> };
    for (const [field, value] of Object.entries(extensionManifestFields())) assert.deepEqual(written[field], value, `${field}. ${STALE}`);
    for (const [name, command] of Object.entries(PACKAGE_SCRIPTS)) assert.equal(written.scripts[name], command, `scripts.${name}. ${STALE}`);
  });

  it('points at files that exist', () => {
    assert.equal(manifest.main, './dist/extension.js');
    assert.ok(existsSync(join(root, manifest.icon)), manifest.icon);
    assert.ok(existsSync(join(root, 'client/src/extension.ts')));
  });
});
