import Link from 'next/link';
import { ThemeToggle } from '../../theme-toggle';
import { VmPage } from './vm-page';

// A server component (no 'use client'): it reads the route and hands plain props to the client
// component that renders the widgets.
//   /vms/pgtest1              the widgets fetch their data through the dashboard's routes
//   /vms/pgtest1?data=host    the page fetches the same routes itself and hands the bodies to the
//                             widgets (as the dashboard does with react-query): they ask nothing
//   …&admin=1                 the widgets' admin mode (the "Technical details" section)
export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ vmName: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ vmName }, query] = await Promise.all([params, searchParams]);
  const name = decodeURIComponent(vmName);
  const hostFed = query.data === 'host';
  const admin = query.admin === '1';
  return (
    <div className="mx-auto max-w-6xl p-6">
      <header className="mb-4 flex items-center justify-between">
        <nav className="text-sm">
          <Link className="text-blue-700 underline dark:text-blue-500" href="/">
            All VMs
          </Link>
        </nav>
        <ThemeToggle />
      </header>
      {/* Fresh host state per VM: no pre-flight request carried over to another VM's page. */}
      <VmPage key={`${name}|${hostFed}|${admin}`} vmName={name} hostFed={hostFed} admin={admin} />
    </div>
  );
}
