import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOTIFICATION_MODES, parseNotificationMode } from '../../../src/notifications/model/mode';
import { WatchList, MAX_WATCHED } from '../../../src/notifications/model/watchList';
import { CommandId } from '../../../src/shared/ids';

const root = join(__dirname, '..', '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));

describe('notifications: the setting and the watch list', () => {
  it('reads sagemakerMonitor.notifications: watched, all, off; anything else is the default, watched', () => {
    assert.equal(parseNotificationMode('all'), 'all');
    assert.equal(parseNotificationMode('off'), 'off');
    assert.equal(parseNotificationMode('watched'), 'watched');
    for (const odd of [undefined, null, '', 'ALL', 'none', true, 3, {}]) {
      assert.equal(parseNotificationMode(odd), 'watched', JSON.stringify(odd));
    }
  });

  it('is declared in package.json with the same values, default and a description of each', () => {
    const p = pkg.contributes.configuration.properties['sagemakerMonitor.notifications'];
    assert.deepEqual(p.enum, [...NOTIFICATION_MODES]);
    assert.equal(p.default, parseNotificationMode(undefined));
    const text = (s: string) => nls[s.slice(1, -1)];
    assert.ok(text(p.markdownDescription));
    assert.equal(p.markdownEnumDescriptions.length, NOTIFICATION_MODES.length);
    assert.ok(p.markdownEnumDescriptions.every((d: string) => text(d)));
  });

  it('offers Watch on a job and Unwatch on a watched one in the tree', () => {
    const menu: { command: string; when: string }[] = pkg.contributes.menus['view/item/context'];
    const offers = (command: string, contextValue: string) => {
      const entry = menu.find((m) => m.command === command);
      const regex = entry && /viewItem =~ \/(.+)\/$/.exec(entry.when)?.[1];
      return regex !== undefined && new RegExp(regex).test(contextValue);
    };
    for (const job of ['trainingJob', 'processingJob', 'processingJobFailed', 'transformJob', 'transformJobFailed']) {
      assert.ok(offers(CommandId.Watch, job) && !offers(CommandId.Unwatch, job), job);
      assert.ok(offers(CommandId.Unwatch, `${job}Watched`) && !offers(CommandId.Watch, `${job}Watched`), `${job}Watched`);
      assert.ok(offers(CommandId.TailLogs, `${job}Watched`) && offers(CommandId.OpenMetrics, `${job}Watched`), `${job}Watched keeps its other actions`);
    }
    assert.ok(!offers(CommandId.Watch, 'tuningJob') && !offers(CommandId.Watch, 'endpoint'));
  });

  it('a watched job keeps every action of the same job unwatched (only Watch becomes Unwatch)', () => {
    const menu: { command: string; when: string }[] = pkg.contributes.menus['view/item/context'];
    for (const entry of menu.filter((m) => m.command !== CommandId.Watch && m.command !== CommandId.Unwatch)) {
      const regex = /viewItem =~ \/(.+)\/$/.exec(entry.when)?.[1];
      if (regex === undefined) continue;
      for (const job of ['trainingJob', 'processingJob', 'processingJobFailed', 'transformJob', 'transformJobFailed']) {
        if (new RegExp(regex).test(job)) {
          assert.ok(new RegExp(regex).test(`${job}Watched`), `${entry.command} is offered on ${job} but not on ${job}Watched`);
        }
      }
    }
  });

  it('keeps the watch list across reloads, ignoring what is not a job, and bounded', () => {
    const list = new WatchList();
    assert.ok(list.add({ kind: 'training', name: 'a' }));
    assert.ok(!list.add({ kind: 'training', name: 'a' }));
    list.add({ kind: 'transform', name: 'a' });
    const again = new WatchList(JSON.parse(JSON.stringify([...list.toJSON(), { kind: 'tuning', name: 'x' }, { name: 'y' }, null, 'z'])));
    assert.deepEqual(again.all(), [
      { kind: 'training', name: 'a' },
      { kind: 'transform', name: 'a' },
    ]);
    assert.ok(again.delete({ kind: 'training', name: 'a' }) && !again.has({ kind: 'training', name: 'a' }));
    assert.equal(new WatchList('garbage').size, 0);
    const many = new WatchList();
    for (let i = 0; i <= MAX_WATCHED; i++) many.add({ kind: 'training', name: `j${i}` });
    assert.equal(many.size, MAX_WATCHED);
    assert.ok(!many.has({ kind: 'training', name: 'j0' }), 'the oldest mark goes first');
  });
});
