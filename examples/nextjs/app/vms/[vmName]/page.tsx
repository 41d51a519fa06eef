import Link from 'next/link';
import { VmWidgets } from './vm-widgets';

// A server component (no 'use client'): it reads the route and hands the VM name to the client
// component that renders the widgets. The widgets fetch their data in the browser.
export default async function VmPage({ params }: { params: Promise<{ vmName: string }> }) {
  const { vmName } = await params;
  const name = decodeURIComponent(vmName);
  return (
    <main>
      <nav>
        <Link href="/">All VMs</Link>
      </nav>
      <h1>VM {name}</h1>
      {/* Fresh host state per VM: no pre-flight request carried over to another VM's page. */}
      <VmWidgets key={name} vmName={name} />
    </main>
  );
}
