import Link from 'next/link';

const VMS = [
  { name: 'pgtest1', what: 'a failed test failover' },
  { name: 'web01', what: 'a replication that runs and finishes' },
  { name: 'db02', what: 'a clean history' },
];

export default function Home() {
  return (
    <main>
      <h1>mk-widgets in Next.js</h1>
      <p>Each VM page shows the widgets through the React wrappers from <code>mk-widgets/react</code>.</p>
      <ul>
        {VMS.map((vm) => (
          <li key={vm.name}>
            <Link href={`/vms/${vm.name}`}>{vm.name}</Link>: {vm.what}
          </li>
        ))}
      </ul>
    </main>
  );
}
