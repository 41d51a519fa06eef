import { expect } from '@open-wc/testing';
import { redactTechnicalTerms, type LeakKind } from '../../src/model/guard/redact-technical-terms.js';

/**
 * The bypasses attackers found: the same forbidden things, spelled differently. Each must come out
 * replaced (or as a fallback) and be reported in `leaks`.
 */

/** What must not survive, checked on a folded copy of the output (written apart from the module). */
function looseFold(text: string): string {
  return text
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .replace(/[іі]/g, 'i')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/%2F/gi, '/')
    .toLowerCase();
}

const FORBIDDEN_LOOSE: readonly RegExp[] = [
  /virt[-_ .]?v2v/,
  /virt[-_ .]?io/,
  /qemu[-_ .]?img/,
  /nbd[-_ .]?kit/,
  /libguestfs/,
  /\/dev\//,
  /(?<![\w/])dev\/vd/,
  /drop table/,
  /does not exist/,
  /\d+\.\d+\.\d+\.\d+/,
  /:8082/,
  /\.internal/,
  /\{"/,
  /_/,
];

function expectNothingForbidden(input: string, output: string): void {
  const folded = looseFold(output);
  for (const pattern of FORBIDDEN_LOOSE) {
    expect(pattern.test(folded), `${pattern} in ${JSON.stringify(output)} from ${JSON.stringify(input)}`).to.equal(false);
  }
}

function check(input: string, expectedKind: LeakKind, options?: Parameters<typeof redactTechnicalTerms>[1]): ReturnType<typeof redactTechnicalTerms> {
  const result = redactTechnicalTerms(input, options);
  expect(result.leaks.map((leak) => leak.kind), `leaks of ${JSON.stringify(input)}`).to.include(expectedKind);
  expectNothingForbidden(input, result.text);
  return result;
}

const FIELDS = ['message', 'step', 'name', 'action'] as const;

describe('guard: terms spelled differently', () => {
  describe('invisible characters inside a term', () => {
    for (const input of [
      'virt\u200Bv2v failed on the guest',
      'The vir\u200Ct\u200Dio drivers are missing',
      'qemu\u2060-img could not read the disk',
      'nbd\uFEFFkit stopped unexpectedly',
      'lib\u00ADguestfs could not start',
    ]) {
      it(JSON.stringify(input), () => {
        for (const field of FIELDS) check(input, 'tool-name', { field });
      });
    }

    it('is caught even when another leak in the same text is found without folding', () => {
      const result = check('vir\u200Btio failed on /dev/vdc while copying the disk', 'tool-name');
      expect(result.leaks.map((leak) => leak.kind)).to.include('device-path');
    });
  });

  describe('look-alike letters', () => {
    for (const input of [
      'v\u0456rtio drivers failed to install', // Cyrillic і
      'VIRT\u0406O drivers failed to install', // Cyrillic І
      'vi\u0301rtio failed to install on the guest', // combining acute accent
      'v\u00EDrtio failed to install on the guest', // precomposed í
      'qem\u03C5-img could not read the disk', // Greek upsilon
      'nbdk\u0456t stopped while copying the disk',
      '\u0455omething wrong: l\u0456bguestfs could not start', // Cyrillic ѕ and і
    ]) {
      it(JSON.stringify(input), () => {
        check(input, 'tool-name');
      });
    }
  });

  describe('separators and case', () => {
    const cases: Array<[string, string]> = [
      ['VIRT_V2V failed on the guest', 'driver injection tool failed on the guest'],
      ['virtv2v failed on the guest', 'driver injection tool failed on the guest'],
      ['Virt V2V failed on the guest', 'driver injection tool failed on the guest'],
      ['virt_v2v_in_place did not finish', 'driver preparation did not finish'],
      ['virt\u2010v2v failed on the guest', 'driver injection tool failed on the guest'],
      ['virt\u2212v2v failed on the guest', 'driver injection tool failed on the guest'],
      ['virt\u2011v2v\u2011in\u2011place did not finish', 'driver preparation did not finish'],
      ['VIRT_IO drivers are missing', 'KVM drivers are missing'],
      ['Running qemu_img on the volume timed out', 'Running disk conversion tool on the volume timed out'],
      ['Running QEMU IMG on the volume timed out', 'Running disk conversion tool on the volume timed out'],
      ['The nbd kit process stopped', 'The disk conversion tool process stopped'],
      ['The NBD_KIT process stopped', 'The disk conversion tool process stopped'],
      ['lib_guestfs could not start', 'disk conversion tool could not start'],
    ];
    for (const [input, expected] of cases) {
      it(`${JSON.stringify(input)} → "${expected}"`, () => {
        expect(check(input, 'tool-name').text).to.equal(expected);
      });
    }

    it('knows step ids in snake_case and upper case', () => {
      expect(redactTechnicalTerms('virtio_driver_injection', { field: 'step' })).to.deep.equal({
        text: 'Preparing Drivers for Compatibility',
        leaks: [{ kind: 'internal-step', match: 'virtio_driver_injection' }],
      });
      expect(redactTechnicalTerms('Failed during VM_CREATION, please retry').text).to.equal(
        'Failed during Creating Destination VM, please retry',
      );
    });

    it('turns other snake_case ids into words, in every field', () => {
      for (const field of FIELDS) {
        const result = check('Stopped at failed_step_internal while copying', 'internal-step', { field });
        expect(result.text, field).to.equal('Stopped at Failed Step Internal while copying');
      }
      expect(check('cleanup_required', 'internal-step', { field: 'name' }).text).to.equal('Cleanup Required');
      expect(check('See external_job_id for the details', 'internal-step').text).to.equal('See External Job ID for the details');
    });
  });

  describe('encoded and relative paths', () => {
    it('decodes URL-encoding before matching', () => {
      for (const input of ['Volume %2Fdev%2Fvdc is busy, try again later', 'Volume %2fdev%2fvdc is busy, try again later']) {
        const result = check(input, 'device-path');
        expect(result.text).to.equal('Volume storage volume is busy, try again later');
      }
      check('Check %2Fvar%2Flog%2Foma.log for the details', 'file-path');
      check('Copy failed on C:%5CWindows%5CSystem32 today', 'file-path');
    });

    it('catches JSON-escaped slashes', () => {
      check('Volume \\/dev\\/vdc is busy, try again later', 'device-path');
    });

    it('catches relative device and system paths', () => {
      expect(check('Volume dev/vdc is busy, try again later', 'device-path').text).to.equal(
        'Volume storage volume is busy, try again later',
      );
      expect(check('Could not read var/lib/oma today', 'file-path').text).to.equal('Could not read system file today');
      check('Could not write etc/hosts on the guest', 'file-path');
    });
  });

  describe('SQL and database errors', () => {
    for (const input of [
      'DROP TABLE vm_replication_contexts',
      'drop table if exists failover_jobs',
      'ALTER TABLE vm_contexts ADD COLUMN x int',
      'TRUNCATE TABLE job_tracking',
      'CREATE INDEX idx_jobs ON jobs (job_id)',
      'SELECT id FROM jobs JOIN contexts ON jobs.ctx = contexts.id',
    ]) {
      it(`falls back for ${JSON.stringify(input)}`, () => {
        const result = check(input, 'sql', { category: 'storage' });
        expect(result).to.include({ text: '', fallback: 'storage' });
      });
    }

    for (const input of [
      'pq: relation "vm_replication_contexts" does not exist',
      'ERROR: relation "failover_jobs" does not exist',
      'column "progress_pct" does not exist',
      "Error 1146: Table 'migratekit.jobs' doesn't exist",
      'Error 1146',
      'no such table: jobs',
      "Unknown column 'foo' in 'field list'",
      'ERROR: deadlock detected',
      'syntax error at or near "WHERE"',
    ]) {
      it(`falls back for the database error ${JSON.stringify(input)}`, () => {
        const result = redactTechnicalTerms(input, { category: 'platform' });
        expect(result.text).to.equal('');
        expect(result.fallback).to.equal('platform');
        expect(result.leaks.map((leak) => leak.kind)).to.satisfy((list: LeakKind[]) => list.includes('database') || list.includes('sql'));
      });
    }
  });

  describe('JSON and machine text', () => {
    for (const input of [
      'Request failed: {"error": "VM context not found for: pgtest1", "timestamp": "2025-10-03T17:46:57Z"}',
      '{"error":"internal"}',
      'Unexpected body [{"job_id": "x"}]',
      "Failed with {'error': 'bad request'}",
      'Failed with {\\"error\\": \\"bad\\"}',
    ]) {
      it(`falls back for ${JSON.stringify(input)}`, () => {
        const result = check(input, 'json', { category: 'connectivity' });
        expect(result).to.include({ text: '', fallback: 'connectivity' });
      });
    }
  });

  describe('network internals', () => {
    it('replaces IP addresses with and without a port', () => {
      expect(check('Could not reach 10.245.246.125:8082 in time', 'network-address').text).to.equal(
        'Could not reach the server in time',
      );
      expect(check('Could not reach 192.168.1.20 in time', 'network-address').text).to.equal('Could not reach the server in time');
      expect(check('Could not reach [fe80::1]:8443 in time', 'network-address').text).to.equal('Could not reach the server in time');
    });

    it('falls back for a dial error', () => {
      const result = check('dial tcp 10.245.246.125:8082: connect: connection refused', 'network-address', { category: 'network' });
      expect(result).to.include({ text: '', fallback: 'network' });
    });

    it('replaces internal host names, with or without a port', () => {
      expect(check('Could not connect to oma-db01.prod.internal today', 'host-name').text).to.equal(
        'Could not connect to the server today',
      );
      // With a port it is an address (the kind says which rule found it; both are replaced the same).
      check('Could not connect to oma-db01.prod.internal:5432 today', 'network-address');
      check('Could not connect to db.corp.local, retry later', 'host-name');
      check('Lost the connection to localhost:8082 while copying', 'network-address');
      expect(check('Lost the connection to oma-db01:5432 while copying', 'network-address').text).to.equal(
        'Lost the connection to the server while copying',
      );
    });

    it('replaces a URL on an internal host whole, and keeps a public origin', () => {
      expect(check('Could not reach http://10.0.0.5:8082/api/v1/vm-contexts in time', 'network-address').text).to.equal(
        'Could not reach the server in time',
      );
      expect(check('Could not reach http://oma:8082 in time', 'network-address').text).to.equal('Could not reach the server in time');
      expect(redactTechnicalTerms('Sent to https://vcenter.example.com').leaks).to.deep.equal([]);
    });
  });

  describe('ordinary English survives', () => {
    for (const text of [
      're-run',
      'Re-run the replication after the follow-up check',
      'Power off web-server-01 before retrying',
      'VM db-primary-east is not reachable',
      'Requires OMA v2.32 or later',
      'Started at 17:46 and finished at 17:47:22',
      'Started at 2025-10-03T17:46:57+01:00',
      'Copy 26.4 GB of 100 GB transferred',
      'Done. Next: try live failover',
      'Read/write access is needed on the TCP/IP port',
      'Power off the VM and/or detach the disk',
      'The guest mount point is busy',
      'Create user accounts first, then drop the old snapshot',
      'Create a table of the disks',
      'The relation between the disks is unclear',
      'Virtual machines were copied',
      'Use 100% of the disk',
      'Windows 10 needs the KVM drivers',
      'Café résumé naïve: the VM was moved',
      'Диск виртуальной машины занят',
      'Step 3 of 5: 60%',
    ]) {
      it(JSON.stringify(text), () => {
        // A step field turns any kebab-case run into words ("web-server-01"), so it is left out here.
        for (const field of ['message', 'name', 'action'] as const) {
          expect(redactTechnicalTerms(text, { field }), field).to.deep.equal({ text, leaks: [] });
        }
      });
    }

    it('"Done.Next" gives no fallback', () => {
      expect(redactTechnicalTerms('Done.Next').fallback).to.equal(undefined);
    });
  });
});
