import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ResourceState } from '../../src/api/client.js';
import { ResourceController } from '../../src/controllers/resource-controller.js';

/** A host that records update requests, driven by hand like Lit drives an element. */
class TestHost implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates += 1;
  }
}

/** A source of states per argument, as the client would send them. */
class TestSource {
  listeners = new Map<string, (state: ResourceState<string>) => void>();
  subscribed: string[] = [];
  unsubscribed: string[] = [];
  refreshed: string[] = [];
  subscribe = ([id]: readonly [string], listener: (state: ResourceState<string>) => void) => {
    this.subscribed.push(id);
    this.listeners.set(id, listener);
    listener({ status: 'loading' });
    return () => this.unsubscribed.push(id);
  };
  refresh = ([id]: readonly [string]) => this.refreshed.push(id);
  send(id: string, data: string): void {
    this.listeners.get(id)?.({ status: 'ready', data });
  }
}

describe('ResourceController', () => {
  let host: TestHost;
  let source: TestSource;
  let id: string | undefined;
  let controller: ResourceController<string, readonly [string]>;

  beforeEach(() => {
    host = new TestHost();
    source = new TestSource();
    id = 'a';
    controller = new ResourceController<string, readonly [string]>(host, { args: () => (id ? [id] : undefined), subscribe: source.subscribe, refresh: source.refresh });
  });

  it('registers with its host and is loading before it is connected, asking nothing', () => {
    expect(host.controllers).to.deep.equal([controller]);
    expect(controller.state.status).to.equal('loading');
    controller.hostUpdate();
    expect(source.subscribed).to.deep.equal([]);
  });

  it('asks nothing at connect itself, but requests the update in which it subscribes, with the arguments set by then', () => {
    controller.hostConnected();
    expect(source.subscribed, 'nothing asked at connect').to.deep.equal([]);
    expect(host.updates).to.equal(1);
    // A framework sets its properties right after connecting, before the update runs.
    id = 'b';
    controller.hostUpdate();
    expect(source.subscribed).to.deep.equal(['b']);
  });

  it('the first state renders in the update in progress, later ones request an update', () => {
    controller.hostConnected();
    controller.hostUpdate();
    expect(source.subscribed).to.deep.equal(['a']);
    expect(controller.active).to.equal(true);
    expect(host.updates).to.equal(1);
    source.send('a', 'A1');
    expect(controller.state).to.deep.equal({ status: 'ready', data: 'A1' });
    expect(host.updates).to.equal(2);
  });

  it('re-subscribes when the arguments change, and drops a late answer for the old ones', () => {
    controller.hostConnected();
    controller.hostUpdate();
    controller.hostUpdate(); // same arguments: nothing happens
    expect(source.subscribed).to.deep.equal(['a']);
    id = 'b';
    controller.hostUpdate();
    expect(source.unsubscribed).to.deep.equal(['a']);
    expect(source.subscribed).to.deep.equal(['a', 'b']);
    source.send('a', 'late A');
    expect(controller.state.status).to.equal('loading');
    source.send('b', 'B1');
    expect(controller.state.data).to.equal('B1');
  });

  it('ends the subscription without arguments or on disconnect, keeping what it showed', () => {
    controller.hostConnected();
    controller.hostUpdate();
    source.send('a', 'A1');
    controller.hostDisconnected();
    expect(source.unsubscribed).to.deep.equal(['a']);
    expect(controller.active).to.equal(false);
    expect(controller.state.data).to.equal('A1');
    controller.hostConnected();
    id = undefined;
    controller.hostUpdate();
    expect(controller.active).to.equal(false);
    expect(controller.state.status).to.equal('loading');
  });

  it('refresh() asks the source again for the current arguments only', () => {
    controller.refresh();
    expect(source.refreshed).to.deep.equal([]);
    controller.hostConnected();
    controller.hostUpdate();
    controller.refresh();
    expect(source.refreshed).to.deep.equal(['a']);
  });
});
