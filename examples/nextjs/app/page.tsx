import Link from 'next/link';
import { ThemeToggle } from './theme-toggle';

const VMS = [
  { name: 'pgtest1', what: 'a failed test failover' },
  { name: 'web01', what: 'a replication that runs and finishes' },
  { name: 'db02', what: 'a clean history' },
];

export default function Home() {
  return (
    <main className="mx-auto max-w-4xl space-y-4 p-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">mk-widgets in a dashboard-shaped Next.js app</h1>
        <ThemeToggle />
      </div>
      <p>
        Each VM page has the dashboard&apos;s layout: a main column and a 320 px side panel with the widgets from{' '}
        <code>mk-widgets/react</code>, which read the dashboard&apos;s own routes (<code>/api/vm-contexts/…</code>).
      </p>
      <ul className="list-inside list-disc space-y-1">
        {VMS.map((vm) => (
          <li key={vm.name}>
            <Link className="text-blue-700 underline dark:text-blue-500" href={`/vms/${vm.name}`}>
              {vm.name}
            </Link>
            : {vm.what} (
            <Link className="text-blue-700 underline dark:text-blue-500" href={`/vms/${vm.name}?data=host`}>
              with host-fed data
            </Link>
            )
          </li>
        ))}
      </ul>
    </main>
  );
}
