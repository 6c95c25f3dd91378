// Workspace trust, end to end: in a folder the user does not trust, the
// extension still analyses (it only reads text) but offers no conversion.
import { strict as assert } from 'node:assert';
import { startOrSkip, type E2eEnvironment } from './harness/environment';
import { SERVER_TIMEOUT, type Workbench } from './harness/workbench';

describe('multiphase extension in an untrusted workspace (end to end)', function () {
  this.timeout(5 * 60_000);
  let env: E2eEnvironment;
  let workbench: Workbench;

  before(async function () {
    env = await startOrSkip(this);
    workbench = env.workbench;
    await workbench.distrustWorkspace();
  });

  after(async () => {
    await env?.close();
  });

  it('shows the single-phase squiggle in restricted mode', async () => {
    await workbench.openFile('src/spam.c');
    await workbench.openProblems();
    await workbench.filterProblems('spam');
    await workbench.problemRows("Module 'spam' uses single-phase").first().waitFor({ timeout: SERVER_TIMEOUT });
    await workbench.warningSquiggles().first().waitFor({ timeout: SERVER_TIMEOUT });
  });

  it('offers no conversion command until the folder is trusted', async () => {
    assert.equal(await workbench.paletteOffers('Multi-phase Init: Convert All Modules in Workspace'), false);
    assert.equal(await workbench.paletteOffers('Multi-phase Init: Convert Modules in This File'), false);
    assert.equal(await workbench.paletteOffers('Multi-phase Init: Show Output'), true, 'the palette itself works');
    assert.match(env.read('src/spam.c'), /PyModule_Create\(&spam_module\)/, 'nothing was converted');
  });

  it('"Show in Problems" (the status item\'s link) opens Problems with the filter box focused', async () => {
    await workbench.activeEditor().locator('.view-lines').click(); // the focus starts in the editor
    await workbench.runCommand('Multi-phase Init: Show Single-Phase Modules in Problems');
    await workbench.waitForProblemsFilterFocus();
  });
});
