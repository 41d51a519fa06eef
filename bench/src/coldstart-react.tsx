/**
 * Scenario 8, the React page: the VM page as a React 19 dashboard writes it. The VM context is
 * fetched in an effect, the recent jobs in a dependent effect once the context id is in state (the
 * way a dependent query runs), and the banner and the project's React job list
 * (contestants/react.tsx) render from the same pipeline and view models as the widgets.
 */
import { useEffect, useState, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { msg } from '@lit/localize';
import { readRecentJobs, readVmContext } from '../../src/model/pipeline.js';
import type { RecentJobs, VmContext } from '../../src/model/operation.js';
import { joinVmContext } from '../../src/model/view/job-list-view.js';
import { bannerView } from '../../src/model/view/banner-view.js';
import { JobList } from './contestants/react.js';
import { addWidgetStyles, getJson } from './coldstart-page.js';
import { STATUS_SHAPES } from './contestants/icons.js';

const VM = 'pgtest1';

addWidgetStyles();

function WarningIcon(): ReactElement {
  return (
    <svg className="icon" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {STATUS_SHAPES.failed.map(([Tag, attributes], index) => (
        <Tag key={index} {...attributes} />
      ))}
    </svg>
  );
}

function Banner({ vm }: { vm: VmContext }): ReactElement | null {
  const view = bannerView(vm, Date.now(), () => false);
  if (!view) return null;
  return (
    <div className="banner" role="alert">
      <div className="head">
        <WarningIcon />
        <h2>{msg('Last Operation Failed')}</h2>
      </div>
      <p className="summary">{view.summary}</p>
      {view.failedStep ? (
        <p className="more">
          <span className="issue-label">{msg('Failed step:')}</span> {view.failedStep}
        </p>
      ) : null}
      {view.issue ? (
        <p className="issue">
          <span className="issue-label">{msg('Issue:')}</span> {view.issue}
        </p>
      ) : null}
      <div className="more">
        {view.advice.length > 0 ? (
          <div className="advice">
            <span className="issue-label">{msg('What you can do:')}</span>
            <ul className="steps">
              {view.advice.map((step, index) => (
                <li key={index}>{step}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {view.meta ? <p className="meta">{view.meta}</p> : null}
      </div>
      <div className="actions">
        <button className="more-toggle">{msg('What you can do')}</button>
        <button>{msg('Dismiss')}</button>
        <span className="more-actions">
          {view.offersLiveFailover ? <button className="primary">{msg('Try Live Failover')}</button> : null}
          <button>{msg('View Details')}</button>
        </span>
      </div>
    </div>
  );
}

function VmPage(): ReactElement {
  const [vm, setVm] = useState<VmContext>();
  const [jobs, setJobs] = useState<RecentJobs>();
  useEffect(() => {
    let live = true;
    void getJson(`/api/v1/vm-contexts/${VM}`).then((body) => live && setVm(readVmContext(body, VM).data));
    return () => void (live = false);
  }, []);
  const contextId = vm?.contextId;
  useEffect(() => {
    if (!contextId) return undefined;
    let live = true;
    void getJson(`/api/v1/vm-contexts/${encodeURIComponent(contextId)}/recent-jobs`).then((body) => live && setJobs(readRecentJobs(body, contextId).data));
    return () => void (live = false);
  }, [contextId]);
  return (
    <>
      <div className="mk-host">{vm ? <Banner vm={vm} /> : null}</div>
      <div className="mk-host">{jobs && vm ? <JobList operations={joinVmContext(jobs.operations, vm)} /> : null}</div>
    </>
  );
}

createRoot(document.getElementById('root')!).render(<VmPage />);
