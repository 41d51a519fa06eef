/**
 * Widgets without a provider share one client per api-base while any of them holds it; once none
 * does, the client (and its cache) can be collected, and the next widget gets a new one.
 */
import { expect } from '@open-wc/testing';
import { DefaultClients, OmaClient, getDefaultClient } from '../../src/api/client.js';

/** A weak reference a test can empty, standing for the garbage collector. */
class TestRef {
  static all: TestRef[] = [];
  #client: OmaClient | undefined;
  constructor(client: OmaClient) {
    this.#client = client;
    TestRef.all.push(this);
  }
  deref(): OmaClient | undefined {
    return this.#client;
  }
  collect(): void {
    this.#client = undefined;
  }
}

describe('default clients', () => {
  beforeEach(() => {
    TestRef.all = [];
  });

  it('one client per api-base, trailing slashes aside', () => {
    const clients = new DefaultClients((client) => new TestRef(client));
    expect(clients.get()).to.equal(clients.get(''));
    expect(clients.get('http://oma:8082/')).to.equal(clients.get('http://oma:8082'));
    expect(clients.get('http://oma:8082').apiBase).to.equal('http://oma:8082');
    expect(clients.get('http://oma:8082')).not.to.equal(clients.get());
    expect(clients.size).to.equal(2);
  });

  it('holds clients weakly: a collected one is replaced by a new client, the others stay', () => {
    const clients = new DefaultClients((client) => new TestRef(client));
    const first = clients.get('/a');
    const other = clients.get('/b');
    TestRef.all[0]!.collect();
    expect(clients.size).to.equal(1);
    const second = clients.get('/a');
    expect(second).to.be.instanceOf(OmaClient);
    expect(second).not.to.equal(first);
    expect(clients.get('/b')).to.equal(other);
  });

  it('getDefaultClient uses real weak references: the same client within a task', () => {
    expect(getDefaultClient('http://oma-default-test:8082/')).to.equal(getDefaultClient('http://oma-default-test:8082'));
  });
});
